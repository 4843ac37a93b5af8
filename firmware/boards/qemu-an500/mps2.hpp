#pragma once
// The qemu-an500 rig under its former name: code written against mps2:: keeps compiling.
#include "rig.hpp"

namespace mps2 = rig;
