// The end of the memory commands, once their frames are complete: Read Memory, Write
// Memory, Extended Erase with a sector list, Get Checksum. Section numbers refer to AN3155.
#include "sysboot/an3155/target.hpp"

namespace sysboot::an3155 {

namespace {
// Chunk used to stream memory into the CRC / out of Read Memory without a large buffer.
constexpr uint32_t kChunk = 64;
}  // namespace

void Target::finish_read_count() {
    // AN3155 §3.4: N-1 and its complement; then ACK and N bytes (no trailing ACK).
    const uint8_t n1 = buffer_[0];
    const uint32_t length = static_cast<uint32_t>(n1) + 1;
    to_command();
    if (buffer_[1] != static_cast<uint8_t>(n1 ^ 0xFF) || !readable(address_, length)) {
        nack();
        return;
    }
    uint8_t chunk[kChunk];
    // Read the whole range first: a refused read must answer NACK, not a short block.
    for (uint32_t done = 0; done < length; done += kChunk) {
        const uint32_t part = length - done < kChunk ? length - done : kChunk;
        if (!read(address_ + done, std::span<uint8_t>(chunk, part))) {
            nack();
            return;
        }
    }
    ack();
    for (uint32_t done = 0; done < length; done += kChunk) {
        const uint32_t part = length - done < kChunk ? length - done : kChunk;
        (void)read(address_ + done, std::span<uint8_t>(chunk, part));
        for (uint32_t i = 0; i < part; ++i) {
            emit(chunk[i]);
        }
    }
}

void Target::finish_write() {
    const uint32_t length = expected_;
    to_command();
    if ((length % kWriteAlign) != 0 ||
        !memory_.write(address_, std::span<const uint8_t>(buffer_, length))) {
        nack();
        return;
    }
    counters_.bytes_written += length;
    ack();
}

void Target::finish_erase_list() {
    to_command();
    bool ok = true;
    for (uint16_t s = 0; s < kMaxEraseSectors; ++s) {
        if ((erase_bitmap_[s / 8] & (1u << (s % 8))) != 0) {
            if (memory_.erase_sector(s)) {
                ++counters_.sectors_erased;
            } else {
                ok = false;
            }
        }
    }
    if (ok) {
        ack();
    } else {
        nack();
    }
}

void Target::finish_checksum_length() {
    to_command();
    if (xor_of(std::span<const uint8_t>(buffer_, 4)) != buffer_[4]) {
        nack();
        return;
    }
    const uint32_t length = get_be32(std::span<const uint8_t, 4>(buffer_, 4));
    if (length == 0 || (length % 4) != 0 || !memory_.readable(address_, length)) {
        nack();
        return;
    }
    // stm32flash 0.7 (stm32.c, stm32_crc_memory) waits for two ACKs here: one that takes the
    // length, one when the CRC is ready; then 4 CRC bytes MSB first and their XOR.
    ack();
    Crc32 crc;
    uint8_t chunk[kChunk];
    for (uint32_t done = 0; done < length; done += kChunk) {
        const uint32_t part = length - done < kChunk ? length - done : kChunk;
        if (!memory_.read(address_ + done, std::span<uint8_t>(chunk, part))) {
            nack();
            return;
        }
        crc.update(std::span<const uint8_t>(chunk, part));
    }
    ack();
    uint8_t out[4];
    put_be32(crc.value(), std::span<uint8_t, 4>(out, 4));
    for (uint8_t b : out) {
        emit(b);
    }
    emit(xor_of(out));
}

}  // namespace sysboot::an3155
