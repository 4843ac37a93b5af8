#include "sysboot/dfuse/engine.hpp"

#include <cstring>

namespace sysboot::dfuse {
namespace {

constexpr uint16_t transfer_size(const Profile& p) {
    return p.transfer_size < kMaxTransferSize ? p.transfer_size : kMaxTransferSize;
}

constexpr uint32_t read_le32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
           static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

// The commands Get Commands lists (AN2662 §4.4.2), in the order the ROM sends them.
constexpr uint8_t kCommands[] = {command::kGetCommands, command::kSetAddressPointer,
                                 command::kErase, command::kReadUnprotect};

}  // namespace

Engine::Engine(const Profile& profile, std::span<an3155::Memory* const> memories)
    : profile_(profile), memories_(memories) {
    select_alternate(0);
}

bool Engine::select_alternate(uint8_t alternate) {
    if (alternate >= profile_.alternates.size()) {
        return false;
    }
    alternate_ = alternate;
    // The profile's own strings describe the memory: an unparsable one leaves no segments,
    // so every memory operation on that alternate fails with errTARGET.
    if (!parse_layout(profile_.alternates[alternate], layout_).ok()) {
        layout_.segment_count = 0;
    }
    static constexpr char kOptionBytes[] = "Option Bytes";
    option_bytes_ =
        layout_.name_length == sizeof kOptionBytes - 1 &&
        std::memcmp(layout_.name_storage.data(), kOptionBytes, layout_.name_length) == 0;
    reset();
    return true;
}

void Engine::reset() {
    state_ = State::Idle;
    status_ = Status::Ok;
    event_ = Event::None;
    pending_ = false;
    leaving_ = false;
    // AN2662 §4.4.1: without Set Address Pointer the ROM uses the start of the memory.
    pointer_ = layout_.segment_count > 0 ? layout_.segments()[0].address : 0;
}

an3155::Memory* Engine::memory() const {
    return alternate_ < memories_.size() ? memories_[alternate_] : nullptr;
}

uint32_t Engine::scaled(uint32_t ms) const {
    return static_cast<uint32_t>(static_cast<uint64_t>(ms) * poll_scale_percent_ / 100);
}

// DFU 1.1 §6.1.2 / Appendix A: a request the state does not allow stalls the control pipe
// and the device enters dfuERROR with errSTALLEDPKT.
Reply Engine::stall() {
    ++counters_.stalls;
    if (state_ != State::Manifest) {
        fail(Status::ErrStalledPkt);
    }
    return {true, 0};
}

// dfuERROR drops whatever DNLOAD or manifestation was pending.
void Engine::fail(Status status) {
    state_ = State::Error;
    status_ = status;
    pending_ = false;
    leaving_ = false;
}

Reply Engine::control(const Setup& setup, std::span<const uint8_t> data_out,
                      std::span<uint8_t> data_in) {
    ++counters_.requests;
    // After Leave the ROM has jumped to the application: the DFU device is gone.
    if (event_ != Event::None) {
        ++counters_.stalls;
        return {true, 0};
    }
    const bool out = setup.request_type == kClassOut;
    const bool in = setup.request_type == kClassIn;
    switch (static_cast<Request>(setup.request)) {
        case Request::Dnload:
            return out ? on_dnload(setup,
                                   data_out.first(data_out.size() < setup.length ? data_out.size()
                                                                                 : setup.length))
                       : stall();
        case Request::Upload:
            return in ? on_upload(setup, data_in) : stall();
        case Request::GetStatus:
            return in && setup.length >= kStatusLength ? on_get_status(data_in) : stall();
        case Request::ClrStatus:
            return out ? on_clear_status() : stall();
        case Request::GetState:
            return in && setup.length >= 1 ? on_get_state(data_in) : stall();
        case Request::Abort:
            return out ? on_abort() : stall();
        case Request::Detach:  // DFU 1.1 Appendix A: DETACH is not valid in DFU mode
        default:
            return stall();
    }
}

Reply Engine::on_dnload(const Setup& setup, std::span<const uint8_t> data) {
    if (state_ != State::Idle && state_ != State::DnloadIdle) {
        return stall();
    }
    if (setup.length == 0) {
        // AN2662 §4.5.5 Leave DFU: a DNLOAD of length 0 starts manifestation.
        leaving_ = true;
        state_ = State::ManifestSync;
        return {};
    }
    if (setup.length > transfer_size(profile_) || data.size() != setup.length || setup.value == 1) {
        return stall();
    }
    std::memcpy(buffer_, data.data(), data.size());
    pending_ = true;
    pending_block_ = setup.value;
    pending_length_ = setup.length;
    state_ = State::DnloadSync;
    return {};
}

Reply Engine::on_get_status(std::span<uint8_t> out) {
    ++counters_.get_status;
    if (out.size() < kStatusLength) {
        return {true, 0};  // nowhere to answer: run nothing
    }
    uint32_t poll_ms = 0;
    State reported = state_;
    if (state_ == State::DnloadSync && pending_) {
        reported = State::DnBusy;
        poll_ms = scaled(execute_pending());
        if (state_ != State::Error) {
            state_ = State::DnloadSync;
        }
    } else if (state_ == State::DnloadSync) {
        state_ = State::DnloadIdle;
        reported = state_;
    } else if (state_ == State::ManifestSync && leaving_) {
        // AN2662 §4.5.5: this GETSTATUS ends DFU; the ROM jumps to the address pointer.
        state_ = State::Manifest;
        reported = state_;
        event_ = Event::Leave;
    } else if (state_ == State::DnBusy || state_ == State::Manifest) {
        return stall();
    }
    last_poll_ms_ = poll_ms;
    const Status status = reported == State::DnBusy ? Status::Ok : status_;
    const uint8_t answer[kStatusLength] = {
        static_cast<uint8_t>(status),       static_cast<uint8_t>(poll_ms),
        static_cast<uint8_t>(poll_ms >> 8), static_cast<uint8_t>(poll_ms >> 16),
        static_cast<uint8_t>(reported),     0};
    std::memcpy(out.data(), answer, kStatusLength);
    return {false, kStatusLength};
}

Reply Engine::on_clear_status() {
    if (state_ != State::Error) {
        return stall();
    }
    state_ = State::Idle;
    status_ = Status::Ok;
    return {};
}

Reply Engine::on_get_state(std::span<uint8_t> out) {
    if (state_ == State::DnBusy || state_ == State::Manifest || out.empty()) {
        return stall();
    }
    out[0] = static_cast<uint8_t>(state_);
    return {false, 1};
}

Reply Engine::on_abort() {
    switch (state_) {
        case State::Idle:
        case State::DnloadSync:
        case State::DnloadIdle:
        case State::ManifestSync:
        case State::UploadIdle:
            state_ = State::Idle;
            status_ = Status::Ok;
            pending_ = false;
            leaving_ = false;
            return {};
        default:
            return stall();
    }
}

Reply Engine::on_upload(const Setup& setup, std::span<uint8_t> out) {
    if (state_ != State::Idle && state_ != State::UploadIdle) {
        return stall();
    }
    if (setup.length > transfer_size(profile_) || setup.length > out.size() || setup.value == 1) {
        return stall();
    }
    if (setup.value == kCommandBlock) {
        // AN2662 §4.4.2 Get Commands: allowed only as the first upload, from dfuIDLE.
        if (state_ != State::Idle) {
            return stall();
        }
        const uint16_t n = setup.length < sizeof kCommands ? setup.length : sizeof kCommands;
        std::memcpy(out.data(), kCommands, n);
        return {false, n};
    }
    return upload_data(setup.value, setup.length, out);
}

Reply Engine::upload_data(uint16_t block, uint16_t length, std::span<uint8_t> out) {
    // AN2662 §4.4.1: under read protection the read is not done and the status is errVENDOR.
    if (rdp_level1_) {
        const Reply r = stall();
        fail(Status::ErrVendor);
        return r;
    }
    const uint64_t start =
        pointer_ + static_cast<uint64_t>(block - kFirstDataBlock) * transfer_size(profile_);
    // A read that runs past the memory's end returns the readable part as a short frame,
    // which ends the upload (DFU 1.1 §6.2).
    uint32_t n = 0;
    if (start <= 0xFFFFFFFFull) {
        const auto address = static_cast<uint32_t>(start);
        while (n < length && static_cast<uint64_t>(address) + n <= 0xFFFFFFFFull &&
               layout_.covers(address + n, 1, access::kReadable)) {
            ++n;
        }
    }
    an3155::Memory* mem = memory();
    if (n == 0 || mem == nullptr || !mem->read(static_cast<uint32_t>(start), out.first(n))) {
        const Reply r = stall();
        fail(Status::ErrAddress);
        return r;
    }
    ++counters_.upload_blocks;
    counters_.bytes_read += n;
    state_ = n < length ? State::Idle : State::UploadIdle;
    return {false, static_cast<uint16_t>(n)};
}

uint32_t Engine::execute_pending() {
    pending_ = false;
    return pending_block_ == kCommandBlock ? run_command() : run_write();
}

uint32_t Engine::run_command() {
    switch (buffer_[0]) {
        case command::kSetAddressPointer:
            return run_set_address();
        case command::kErase:
            return run_erase();
        case command::kReadUnprotect:
            return run_read_unprotect();
        default:
            // AN2662 Figure 55: an unsupported command ends in dfuERROR / errSTALLEDPKT.
            fail(Status::ErrStalledPkt);
            return 0;
    }
}

// AN2662 §4.5.2 Set Address Pointer: 0x21 + 4-byte little-endian address.
uint32_t Engine::run_set_address() {
    if (pending_length_ != 5) {
        fail(Status::ErrStalledPkt);  // a malformed command is an unsupported one
        return 0;
    }
    // No read-protection check: AN2662 §4.5.2 allows Set Address Pointer under RDP.
    const uint32_t address = read_le32(buffer_ + 1);
    if (!layout_.covers(address, 0, 0) || memory() == nullptr) {
        fail(Status::ErrTarget);
        return 0;
    }
    pointer_ = address;
    return 0;
}

// AN2662 §4.5.3 Erase: 0x41 + address erases the sector holding it; 0x41 alone is a mass erase.
uint32_t Engine::run_erase() {
    if (pending_length_ != 1 && pending_length_ != 5) {
        fail(Status::ErrStalledPkt);
        return 0;
    }
    if (rdp_level1_) {
        fail(Status::ErrVendor);
        return 0;
    }
    an3155::Memory* mem = memory();
    if (pending_length_ == 1) {
        if (mem == nullptr || layout_.segment_count == 0 ||
            !layout_.covers(layout_.segments()[0].address, 0, access::kErasable) ||
            !mem->erase_all()) {
            fail(mem == nullptr ? Status::ErrTarget : Status::ErrErase);
            return 0;
        }
        ++counters_.mass_erases;
        return profile_.timing.mass_erase_ms;
    }
    Sector sector;
    if (mem == nullptr || !layout_.find_sector(read_le32(buffer_ + 1), sector) ||
        (sector.access & access::kErasable) == 0) {
        fail(Status::ErrTarget);
        return 0;
    }
    if (sector.index > 0xFFFF || !mem->erase_sector(static_cast<uint16_t>(sector.index))) {
        fail(Status::ErrErase);
        return 0;
    }
    ++counters_.sectors_erased;
    return sector.size / 1024 * profile_.timing.erase_ms_per_kib;
}

// AN2662 §4.5.4 Read Unprotect: mass erase, read protection off, then the device resets.
uint32_t Engine::run_read_unprotect() {
    if (pending_length_ != 1) {
        fail(Status::ErrStalledPkt);
        return 0;
    }
    an3155::Memory* mem = memory();
    if (mem == nullptr || !mem->erase_all()) {
        fail(Status::ErrUnknown);  // AN2662 Figure 60: a failed Read Unprotect is errUNKNOWN
        return 0;
    }
    ++counters_.mass_erases;
    rdp_level1_ = false;
    event_ = Event::ResetAfterUnprotect;
    return profile_.timing.mass_erase_ms;
}

// AN2662 §4.5.1 and Figure 57 Write Memory: block n >= 2 goes to pointer + (n - 2) *
// wTransferSize; an address outside the memory is errTARGET, then RDP is errVENDOR, and a
// write to the option bytes resets the device. The model also reports what the flash refuses
// (errWRITE) and reads each block back (errVERIFY).
uint32_t Engine::run_write() {
    const uint64_t start = pointer_ + static_cast<uint64_t>(pending_block_ - kFirstDataBlock) *
                                          transfer_size(profile_);
    an3155::Memory* mem = memory();
    if (mem == nullptr || start > 0xFFFFFFFFull ||
        !layout_.covers(static_cast<uint32_t>(start), pending_length_, access::kWritable)) {
        fail(Status::ErrTarget);
        return 0;
    }
    if (rdp_level1_) {
        fail(Status::ErrVendor);
        return 0;
    }
    const auto address = static_cast<uint32_t>(start);
    if (!mem->write(address, std::span<const uint8_t>(buffer_, pending_length_))) {
        fail(Status::ErrWrite);
        return 0;
    }
    if (!reads_back(*mem, address)) {
        fail(Status::ErrVerify);
        return 0;
    }
    ++counters_.dnload_blocks;
    counters_.bytes_written += pending_length_;
    if (option_bytes_) {
        event_ = Event::ResetAfterOptionBytes;
    }
    return (pending_length_ + 3u) / 4u * profile_.timing.program_us_per_word / 1000u;
}

bool Engine::reads_back(an3155::Memory& mem, uint32_t address) const {
    uint8_t check[64];
    for (uint32_t done = 0; done < pending_length_; done += sizeof check) {
        const uint32_t n =
            pending_length_ - done < sizeof check ? pending_length_ - done : sizeof check;
        if (!mem.read(address + done, std::span<uint8_t>(check, n)) ||
            std::memcmp(check, buffer_ + done, n) != 0) {
            return false;
        }
    }
    return true;
}

}  // namespace sysboot::dfuse
