// The DFU side of an ST ROM in DFU mode (AN3156) as a control-request-driven state machine.
//
// Portable like the AN3155 engine: host tests, the umockdev rig (tests/dfu/rig) and a
// freestanding firmware build use the same code. `control()` takes one class request to the
// DFU interface (setup stage + OUT data) and produces the IN data or a stall. Memory goes
// through sysboot::an3155::Memory (one per alternate setting), so the F7 FlashModel of the
// AN3155 engine is the flash here too.
//
// Timing: a DNLOAD is carried out on the DFU_GETSTATUS that follows it (DFU 1.1 §7.1.3 and
// AN2662 §4.5: that GETSTATUS answers dfuDNBUSY with the operation's bwPollTimeout). The model
// finishes the operation at once; the next GETSTATUS reports dfuDNLOAD-IDLE or dfuERROR.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/an3155/target.hpp"
#include "sysboot/dfuse/dfu.hpp"
#include "sysboot/dfuse/layout.hpp"
#include "sysboot/dfuse/profile.hpp"

namespace sysboot::dfuse {

// The answer to one control request: `length` IN bytes, or a stall of the control pipe.
struct Reply {
    bool stall = false;
    uint16_t length = 0;
};

// What the ROM did besides answering; the caller (rig, stand-in ROM) acts on it.
enum class Event : uint8_t {
    None,
    Leave,                  // manifestation done: the ROM jumps to leave_address()
    ResetAfterUnprotect,    // Read Unprotect done: the device resets (AN2662 §4.5.4)
    ResetAfterOptionBytes,  // option bytes written: the device resets (AN2662 Figure 57)
};

struct Counters {
    uint32_t requests = 0;
    uint32_t stalls = 0;
    uint32_t get_status = 0;
    uint32_t dnload_blocks = 0;  // data blocks (n >= 2) programmed
    uint32_t upload_blocks = 0;
    uint32_t bytes_written = 0;
    uint32_t bytes_read = 0;
    uint32_t sectors_erased = 0;
    uint32_t mass_erases = 0;
};

class Engine {
  public:
    // `memories[n]` backs alternate setting n (may be null or shorter: the alternate then
    // refuses every memory operation with errTARGET).
    Engine(const Profile& profile, std::span<an3155::Memory* const> memories);

    Reply control(const Setup& setup, std::span<const uint8_t> data_out,
                  std::span<uint8_t> data_in);

    // SET_INTERFACE (USB 2.0 §9.4.10): false for an alternate the profile does not have.
    bool select_alternate(uint8_t alternate);
    // USB reset / new enumeration: dfuIDLE, status OK, pointer at the alternate's start.
    void reset();

    void set_read_protection(bool level1) { rdp_level1_ = level1; }
    // bwPollTimeout = modelled time * percent / 100 (the rig runs at 0 to go fast).
    void set_poll_scale(uint32_t percent) { poll_scale_percent_ = percent; }

    [[nodiscard]] State state() const { return state_; }
    [[nodiscard]] Status status() const { return status_; }
    [[nodiscard]] uint8_t alternate() const { return alternate_; }
    [[nodiscard]] uint32_t address_pointer() const { return pointer_; }
    [[nodiscard]] bool read_protected() const { return rdp_level1_; }
    [[nodiscard]] Event event() const { return event_; }
    [[nodiscard]] uint32_t leave_address() const { return pointer_; }
    [[nodiscard]] uint32_t last_poll_timeout_ms() const { return last_poll_ms_; }
    [[nodiscard]] const Counters& counters() const { return counters_; }
    [[nodiscard]] const Profile& profile() const { return profile_; }
    [[nodiscard]] const Layout& layout() const { return layout_; }

  private:
    Reply stall();
    Reply on_dnload(const Setup& setup, std::span<const uint8_t> data);
    Reply on_upload(const Setup& setup, std::span<uint8_t> out);
    Reply on_get_status(std::span<uint8_t> out);
    Reply on_clear_status();
    Reply on_get_state(std::span<uint8_t> out);
    Reply on_abort();
    Reply upload_data(uint16_t block, uint16_t length, std::span<uint8_t> out);
    // The pending DNLOAD, run on the GETSTATUS that follows it; returns its time in ms.
    uint32_t execute_pending();
    uint32_t run_command();
    uint32_t run_set_address();
    uint32_t run_erase();
    uint32_t run_read_unprotect();
    uint32_t run_write();
    [[nodiscard]] bool reads_back(an3155::Memory& mem, uint32_t address) const;
    void fail(Status status);
    [[nodiscard]] an3155::Memory* memory() const;
    [[nodiscard]] uint32_t scaled(uint32_t ms) const;

    const Profile& profile_;
    std::span<an3155::Memory* const> memories_;
    Layout layout_;
    State state_ = State::Idle;
    Status status_ = Status::Ok;
    Event event_ = Event::None;
    uint8_t alternate_ = 0;
    uint32_t pointer_ = 0;
    bool rdp_level1_ = false;
    uint32_t poll_scale_percent_ = 100;
    uint32_t last_poll_ms_ = 0;
    bool pending_ = false;       // a DNLOAD waits for its GETSTATUS
    bool leaving_ = false;       // the DNLOAD of length 0 started manifestation
    bool option_bytes_ = false;  // the alternate is the option bytes (writes reset the device)
    uint16_t pending_block_ = 0;
    uint16_t pending_length_ = 0;
    uint8_t buffer_[kMaxTransferSize] = {};
    Counters counters_;
};

}  // namespace sysboot::dfuse
