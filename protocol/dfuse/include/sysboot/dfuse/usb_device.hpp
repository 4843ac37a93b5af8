// The whole control endpoint of the ROM's DFU device: USB 2.0 chapter 9 standard requests
// (descriptors, configuration, alternate setting) here, DFU class requests to the Engine.
// A USB stack (the umockdev rig, a device controller driver) feeds it every setup packet.
#pragma once

#include <cstdint>
#include <span>

#include "sysboot/dfuse/dfu.hpp"
#include "sysboot/dfuse/engine.hpp"

namespace sysboot::dfuse {

class UsbDevice {
  public:
    explicit UsbDevice(Engine& engine) : engine_(engine) {}

    Reply control(const Setup& setup, std::span<const uint8_t> data_out,
                  std::span<uint8_t> data_in);
    // SET_INTERFACE as an OS issues it outside a control transfer (Linux USBDEVFS).
    bool set_interface(uint16_t interface, uint16_t alternate);

    [[nodiscard]] Engine& engine() { return engine_; }
    [[nodiscard]] uint8_t configuration() const { return configuration_; }

  private:
    Reply standard(const Setup& setup, std::span<uint8_t> data_in);
    Reply get_descriptor(const Setup& setup, std::span<uint8_t> data_in);

    Engine& engine_;
    uint8_t configuration_ = 1;
};

}  // namespace sysboot::dfuse
