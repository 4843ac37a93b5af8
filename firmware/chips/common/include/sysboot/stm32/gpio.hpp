#pragma once
// General-purpose I/O, the same block on STM32F4 and STM32F7. Sources: RM0090 §8.4, RM0383
// §8.4, RM0390 §7.4 and RM0410 §6.4 "GPIO registers" (RM0385 §6.4, RM0431 §6.4):
// ports 0x400 apart from GPIOA. Reset values that differ from 0 (debug pins): GPIOA MODER
// 0xA800 0000, OSPEEDR 0x0C00 0000, PUPDR 0x6400 0000; GPIOB MODER 0x0000 0280, OSPEEDR
// 0x0000 00C0, PUPDR 0x0000 0100.
#include <cstdint>

namespace sysboot::stm32::gpio {

inline constexpr std::uint32_t GPIOA_BASE = 0x40020000;
inline constexpr std::uint32_t kPortStride = 0x400;
constexpr std::uint32_t port_base(unsigned port) {
    return GPIOA_BASE + kPortStride * port;
}
inline constexpr unsigned PORT_A = 0;
inline constexpr unsigned PORT_B = 1;
inline constexpr unsigned PORT_C = 2;
inline constexpr unsigned PORT_D = 3;

inline constexpr std::uint32_t MODER = 0x00;    // 2 bits per pin: 10 = alternate function
inline constexpr std::uint32_t OTYPER = 0x04;   // 0 = push-pull
inline constexpr std::uint32_t OSPEEDR = 0x08;  // 2 bits per pin
inline constexpr std::uint32_t PUPDR = 0x0C;    // 2 bits per pin: 01 = pull-up
inline constexpr std::uint32_t IDR = 0x10;
inline constexpr std::uint32_t ODR = 0x14;
inline constexpr std::uint32_t AFRL = 0x20;  // pins 0-7, 4 bits each
inline constexpr std::uint32_t AFRH = 0x24;  // pins 8-15
inline constexpr std::uint32_t MODE_AF = 0x2u;
inline constexpr std::uint32_t PULL_UP = 0x1u;
inline constexpr std::uint32_t SPEED_HIGH = 0x2u;
inline constexpr std::uint32_t AF7_USART = 7;  // USART1/2/3 on AF7 (F4/F7 datasheet AF tables)

}  // namespace sysboot::stm32::gpio
