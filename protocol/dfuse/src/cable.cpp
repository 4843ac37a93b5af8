#include "sysboot/dfuse/cable.hpp"

namespace sysboot::dfuse::cable {

bool FrameReader::feed(uint8_t byte) {
    switch (step_) {
        case Step::Sync:
            if (byte == kSync) {
                step_ = Step::Type;
                check_ = 0;
            }
            return false;
        case Step::Type:
            type_ = byte;
            step_ = Step::Sequence;
            break;
        case Step::Sequence:
            sequence_ = byte;
            step_ = Step::LengthLow;
            break;
        case Step::LengthLow:
            length_ = byte;
            step_ = Step::LengthHigh;
            break;
        case Step::LengthHigh:
            length_ |= std::size_t{byte} << 8;
            received_ = 0;
            if (length_ > kMaxPayload) {
                ++dropped_;
                step_ = Step::Sync;
                return false;
            }
            step_ = length_ == 0 ? Step::Check : Step::Payload;
            break;
        case Step::Payload:
            buffer_[received_++] = byte;
            if (received_ == length_) {
                step_ = Step::Check;
            }
            break;
        case Step::Check:
            step_ = Step::Sync;
            if (byte != check_) {
                ++dropped_;
                return false;
            }
            return true;
    }
    check_ ^= byte;
    return false;
}

Setup parse_setup(std::span<const uint8_t, kSetupLength> b) {
    return Setup{b[0], b[1], static_cast<uint16_t>(b[2] | b[3] << 8),
                 static_cast<uint16_t>(b[4] | b[5] << 8), static_cast<uint16_t>(b[6] | b[7] << 8)};
}

void write_setup(const Setup& s, std::span<uint8_t, kSetupLength> out) {
    out[0] = s.request_type;
    out[1] = s.request;
    out[2] = static_cast<uint8_t>(s.value);
    out[3] = static_cast<uint8_t>(s.value >> 8);
    out[4] = static_cast<uint8_t>(s.index);
    out[5] = static_cast<uint8_t>(s.index >> 8);
    out[6] = static_cast<uint8_t>(s.length);
    out[7] = static_cast<uint8_t>(s.length >> 8);
}

}  // namespace sysboot::dfuse::cable
