#include "usb_relay.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sysboot::dfuse::rig {

CableRelay::CableRelay(int fd, std::chrono::milliseconds reply_timeout)
    : fd_(dup(fd)), timeout_(reply_timeout) {
    if (fd_ < 0 || pipe(stop_pipe_) != 0) {
        throw std::runtime_error("usb relay: no cable");
    }
    reader_ = std::thread([this] { read_loop(); });
}

CableRelay::~CableRelay() {
    const char stop = 1;
    (void)!write(stop_pipe_[1], &stop, 1);
    reader_.join();
    for (int fd : {fd_, stop_pipe_[0], stop_pipe_[1]}) {
        close(fd);
    }
}

void CableRelay::on_event(EventHandler handler, void* context) {
    std::lock_guard lock(mutex_);
    handler_ = handler;
    context_ = context;
}

CableTraffic CableRelay::traffic() const {
    std::lock_guard lock(mutex_);
    return traffic_;
}

bool CableRelay::request(cable::Type type, std::span<const uint8_t> payload,
                         std::vector<uint8_t>& reply) {
    std::vector<uint8_t> frame;
    std::unique_lock lock(mutex_);
    sequence_ = static_cast<uint8_t>(sequence_ == 255 ? 1 : sequence_ + 1);  // 0: board frames
    const uint8_t sequence = sequence_;
    cable::send_frame([&frame](uint8_t b) { frame.push_back(b); }, type, sequence, payload);
    have_reply_ = false;
    ++traffic_.requests;
    traffic_.bytes_to_board += frame.size();
    for (std::size_t done = 0; done < frame.size();) {
        const ssize_t n = send(fd_, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    const bool answered = replied_.wait_for(
        lock, timeout_, [&] { return have_reply_ && reply_sequence_ == sequence; });
    if (!answered) {
        ++traffic_.timeouts;
        return false;
    }
    reply = reply_;
    return true;
}

Reply CableRelay::control(const Setup& setup, std::span<const uint8_t> data_out,
                          std::span<uint8_t> data_in) {
    std::vector<uint8_t> payload(cable::kSetupLength);
    cable::write_setup(
        setup, std::span<uint8_t, cable::kSetupLength>(payload.data(), cable::kSetupLength));
    const bool in = (setup.request_type & 0x80) != 0;
    if (!in) {
        payload.insert(payload.end(), data_out.begin(), data_out.end());
    }
    std::vector<uint8_t> reply;
    if (!request(cable::Type::Control, payload, reply) || reply.empty() ||
        reply[0] != static_cast<uint8_t>(cable::ReplyStatus::Ok)) {
        return Reply{.stall = true};
    }
    const std::size_t n = std::min({reply.size() - 1, data_in.size(), std::size_t{setup.length}});
    if (n > 0) {
        std::memcpy(data_in.data(), reply.data() + 1, n);
    }
    return Reply{.stall = false, .length = static_cast<uint16_t>(n)};
}

bool CableRelay::set_interface(uint32_t interface, uint32_t alternate) {
    if (interface > 0xFFFF || alternate > 0xFFFF) {
        return false;
    }
    const Setup set{0x01, 11, static_cast<uint16_t>(alternate), static_cast<uint16_t>(interface),
                    0};
    return !control(set, {}, {}).stall;
}

void CableRelay::bus_reset() {
    std::vector<uint8_t> reply;
    (void)request(cable::Type::BusReset, {}, reply);
}

void CableRelay::read_loop() {
    cable::FrameReader reader;
    uint8_t buf[4096];
    for (;;) {
        pollfd p[2] = {{fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0 || (p[1].revents & POLLIN) != 0) {
            return;
        }
        const ssize_t n = recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
            attached_ = false;
            return;
        }
        for (ssize_t i = 0; i < n; ++i) {
            if (!reader.feed(buf[i])) {
                continue;
            }
            std::unique_lock lock(mutex_);
            traffic_.bytes_from_board += cable::kHeaderLength + 1 + reader.payload().size();
            const cable::Type type = reader.type();
            if (type == cable::Type::Reply) {
                reply_.assign(reader.payload().begin(), reader.payload().end());
                reply_sequence_ = reader.sequence();
                have_reply_ = true;
                replied_.notify_all();
                continue;
            }
            if (type == cable::Type::Attach) {
                ++traffic_.attaches;
                attached_ = true;
            } else if (type == cable::Type::Detach) {
                ++traffic_.detaches;
                attached_ = false;
            } else {
                continue;
            }
            const auto handler = handler_;
            void* context = context_;
            lock.unlock();
            if (handler != nullptr) {
                handler(context, type);
            }
        }
    }
}

}  // namespace sysboot::dfuse::rig
