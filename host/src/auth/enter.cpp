#include "auth/enter.hpp"

namespace sysboot::host::auth {

Result<EnterAuth> EnterAuth::from_option(const std::string& key_file) {
    EnterAuth a;
    if (!key_file.empty()) {
        SYSBOOT_TRY_ASSIGN(auto key, load_key(key_file));
        a.key_.emplace(std::move(key));
    }
    return a;
}

Status EnterAuth::answer(Transport& console, Clock& clock, const Trace& trace) const {
    if (!key_) {
        return {};
    }
    return answer_challenge(console, *key_, clock, kLineTimeout, trace);
}

}  // namespace sysboot::host::auth
