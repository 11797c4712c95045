# toolchain.mk: compilers and flags for the two builds of the portable core: native (host gcc,
# for tests, fuzzing, benchmarks and the Linux server) and Windows (mingw-w64, the product).

VERSION      := $(shell cat VERSION)
OUT          := out

CC           ?= cc
NATIVE_CC    := gcc
WIN_CC       := x86_64-w64-mingw32-gcc
WIN_WINDRES  := x86_64-w64-mingw32-windres
WIN_WINDMC   := x86_64-w64-mingw32-windmc
WIN_AR       := x86_64-w64-mingw32-ar
FUZZ_CC      := clang

WARN         := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
                -Wno-unused-parameter -Wformat=2 -Wundef
# No include paths here: each layer's objects get their own (layer_inc in the Makefile).
COMMON_DEFS  := -DPXB_VERSION=\"$(VERSION)\"
# The compiler writes each object's header dependencies beside it (foo.o -> foo.d, read back
# by the Makefile); a program compiled and linked in one step names its file (PROG_DEPFLAGS).
DEPFLAGS     := -MMD -MP
PROG_DEPFLAGS = $(DEPFLAGS) -MF $@.d -MT $@
NATIVE_FLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) $(COMMON_DEFS)
# Unit tests and the native integration test run under AddressSanitizer and UBSan.
SAN_FLAGS    := -std=c11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all $(WARN) $(COMMON_DEFS)
WIN_FLAGS    := -std=c11 -O2 -g $(WARN) $(COMMON_DEFS) -DUNICODE -D_UNICODE \
                -D_WIN32_WINNT=0x0601 -DWINVER=0x0601 -I$(OUT)/win/gen
WIN_LDFLAGS  := -static -static-libgcc -municode
# The core's one library: zlib, for service/base/gunzip.c (Debian's zlib1g-dev natively,
# libz-mingw-w64-dev's static libz.a for Windows).
CORE_LIBS    := -lz
WIN_LIBS     := -lhttpapi -lws2_32 -liphlpapi -ladvapi32 -lshlwapi -lshell32 -lole32 -luuid \
                -lbcrypt $(CORE_LIBS)
