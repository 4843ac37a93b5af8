// make_bus (bus.hpp): STM32F7/F4 parts get chip.hpp's bus, STM32L4/G4 parts l4g4_chip.hpp's.
#include "bus.hpp"

#include "chip.hpp"
#include "l4g4_chip.hpp"

namespace f7model::detail {

std::unique_ptr<Bus> make_bus(Host& host) {
    const Family f = host.part().family;
    if (f == Family::l4 || f == Family::g4) {
        return std::make_unique<l4g4::Chip>(host);
    }
    return std::make_unique<Chip>(host);
}

}  // namespace f7model::detail
