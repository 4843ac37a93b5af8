// SYSBOOT_TRY / SYSBOOT_TRY_ASSIGN: the error reaches the caller unchanged, and nothing after
// the failing step runs.
#include <gtest/gtest.h>

#include "core/error.hpp"

namespace sysboot::host {
namespace {

Status step(bool ok, int& ran) {
    ++ran;
    if (!ok) {
        return make_error(Phase::Write, Cause::Nack, "step refused", 0x08000100u);
    }
    return {};
}

Result<int> value(bool ok) {
    if (!ok) {
        return make_error(Phase::GetId, Cause::Timeout, "no id");
    }
    return 42;
}

Status two_steps(bool first_ok, int& ran) {
    SYSBOOT_TRY(step(first_ok, ran));
    SYSBOOT_TRY(step(true, ran));
    return {};
}

Result<int> doubled(bool ok) {
    SYSBOOT_TRY_ASSIGN(const int v, value(ok));
    SYSBOOT_TRY_ASSIGN(const int w, value(true));
    return v + w;
}

TEST(Try, PassesOkThrough) {
    int ran = 0;
    EXPECT_TRUE(two_steps(true, ran).ok());
    EXPECT_EQ(ran, 2);
}

TEST(Try, StopsAtTheFirstErrorAndReturnsIt) {
    int ran = 0;
    const Status s = two_steps(false, ran);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(ran, 1);
    EXPECT_EQ(s.error().phase, Phase::Write);
    EXPECT_EQ(s.error().cause, Cause::Nack);
    EXPECT_EQ(s.error().address, 0x08000100u);
}

TEST(TryAssign, DeclaresTheValue) {
    const auto r = doubled(true);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, 84);
}

TEST(TryAssign, ReturnsTheErrorIntoAnotherResultType) {
    const auto r = doubled(false);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, Phase::GetId);
    EXPECT_EQ(r.error().detail, "no id");
}

}  // namespace
}  // namespace sysboot::host
