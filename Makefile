# Makefile: builds pxebridge and runs its tests.
#   make            cross-builds the Windows binaries into out/bin (mingw-w64, -Werror)
#   make native     builds the portable core natively, including out/native/pxebridge-tftpd
#   make check      installs what the tests need, then runs every test (unit, fuzz, native
#                   integration with real TFTP clients, the service under wine, QEMU boots)
#   make msi        the installer, out/pxebridge-<version>-x64.msi (wixl)
#   make e2e        real firmware under QEMU boots through pxebridge (needs root)
#   make demo       the README's main job: a UEFI VM boots through the whole chain
#   make bench      TFTP speed and memory of the engine and the service under wine against
#                   tftpd-hpa, atftpd and dnsmasq, and an HTTP download against nginx
#                   (BENCH_SHORT=1: the short version)
#   make clean
include build/toolchain.mk
include build/firmware.mk
# Every recipe runs in bash with errexit and pipefail: a failed command anywhere in a line,
# inside a pipeline too, fails the target instead of leaving a wrong file behind.
SHELL       := /bin/bash
.SHELLFLAGS := -e -o pipefail -c
# make V=1 shows the full commands.
V ?=
Q := $(if $(V),,@)
export OUT
# Every variable a prerequisite list uses is defined above its first use: make expands
# prerequisites as it reads them, so a later definition would leave the list empty
# (tests/build/make_lint.sh checks this with --warn-undefined-variables).

# The layers (docs/architecture.md), bottom to top, and the include path each folder's files
# compile with: its own folder and the layers below it, never one above, so an upward
# include fails to compile (tests/build/layer_check.sh checks the same rules over the
# #include lines and names the line). Portable layers are compiled natively and for Windows;
# a win32/ or posix/ folder is its layer's binding to that OS only.
INC.service/base          := -Iservice/base
INC.service/os            := $(INC.service/base) -Iservice/os
INC.service/os/posix      := $(INC.service/os) -Iservice/os/posix
INC.service/os/win32      := $(INC.service/os) -Iservice/os/win32
INC.service/tftp          := $(INC.service/os) -Iservice/tftp
INC.service/http          := $(INC.service/tftp) -Iservice/http
INC.dhcpext/plan          := $(INC.service/http) -Idhcpext/plan
INC.dhcpext/msdhcp        := $(INC.dhcpext/plan) -Idhcpext/msdhcp
INC.dhcpext/msdhcp/win32  := $(INC.dhcpext/msdhcp) -Iservice/os/win32 -Idhcpext/msdhcp/win32
INC.dhcpext/proxy         := $(INC.dhcpext/plan) -Idhcpext/proxy
INC.service/runtime       := $(INC.dhcpext/msdhcp) -Idhcpext/proxy -Iservice/runtime
INC.service/runtime/win32 := $(INC.service/runtime) -Iservice/os/win32 -Idhcpext/msdhcp/win32 \
                             -Iservice/runtime/win32
# The programs on top: the Windows service, the admin CLI, the native TFTP server.
INC.service/winsvc        := $(INC.service/runtime/win32) -Iservice/winsvc
INC.service/cli           := $(INC.service/runtime/win32) -Iservice/cli
INC.service/tftpd         := $(INC.service/runtime) -Iservice/os/posix -Iservice/tftpd
# The tests see every layer of the build they are part of.
INC.tests/unit            := $(INC.service/runtime) -Itests/unit -Itests/bench
INC.tests/bench           := $(INC.service/runtime) -Itests/bench
INC.tests/fuzz            := $(INC.service/runtime)
INC.tests/integration     := $(INC.service/runtime)
INC.tests/wine            := $(INC.service/runtime/win32)
# $(call layer_inc,file.c): the include path of file.c's folder.
layer_inc = $(INC.$(patsubst %/,%,$(dir $(1))))

PORTABLE_LAYERS := service/base service/os service/tftp service/http dhcpext/plan dhcpext/msdhcp \
                   dhcpext/proxy service/runtime
CORE_SRC   := $(wildcard $(addsuffix /*.c,$(PORTABLE_LAYERS)))
POSIX_SRC  := $(wildcard service/os/posix/*.c)
# The Windows service's parts besides its main go into the archive with the core.
WIN32_SRC  := $(filter-out %_main.c,$(wildcard service/os/win32/*.c dhcpext/msdhcp/win32/*.c \
                service/runtime/win32/*.c service/winsvc/*.c))
CLI_SRC    := $(wildcard service/cli/*.c)
TFTPD_MAIN := service/tftpd/tftpd_main.c
SERVICE_MAIN := service/winsvc/service_main.c

NATIVE_OBJ := $(patsubst %.c,$(OUT)/native/obj/%.o,$(CORE_SRC) $(POSIX_SRC))
SAN_OBJ    := $(patsubst %.c,$(OUT)/native/san/%.o,$(CORE_SRC) $(POSIX_SRC))
WIN_OBJ    := $(patsubst %.c,$(OUT)/win/obj/%.o,$(CORE_SRC) $(WIN32_SRC))
# Both Windows programs link the core and the backends from one archive: each takes only
# the objects it uses.
WIN_LIB    := $(OUT)/win/libpxb.a
CLI_OBJ    := $(patsubst %.c,$(OUT)/win/obj/%.o,$(CLI_SRC))

UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_OBJ   := $(patsubst %.c,$(OUT)/native/san/%.o,$(UNIT_SRC))
UNIT_BIN   := $(patsubst tests/unit/%.c,$(OUT)/native/tests/%,$(UNIT_SRC))
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN   := $(patsubst tests/fuzz/%.c,$(OUT)/fuzz/%,$(FUZZ_SRC))
# The fuzz targets link the portable core built with the fuzzer's instrumentation.
FUZZ_OBJ   := $(patsubst %.c,$(OUT)/fuzz/obj/%.o,$(CORE_SRC) $(POSIX_SRC))

WIN_BINS   := $(OUT)/bin/pxebridge-service.exe $(if $(CLI_SRC),$(OUT)/bin/pxebridge.exe)
NATIVE_BINS:= $(OUT)/native/pxebridge-tftpd $(OUT)/native/pxebridge-tftpd-san
# The load generator of make bench (tests/bench/): its parts besides main, also unit-tested.
STORM_SRC  := $(filter-out tests/bench/tftp_storm.c tests/bench/wine_%.c,$(wildcard tests/bench/*.c))
STORM_OBJ  := $(patsubst %.c,$(OUT)/native/obj/%.o,$(STORM_SRC))
STORM_SAN_OBJ := $(patsubst %.c,$(OUT)/native/san/%.o,$(STORM_SRC))
# The project's own boot programs (firmware/pxbinfo-*, docs/boot-images.md).
OWN_IMAGES := $(OUT)/firmware/pxbinfo.0 $(OUT)/firmware/pxbinfo.efi
SIGNED_IMAGES := $(OUT)/firmware/.signed-verified

.PHONY: all native deps firmware msi check unit fuzz integration wine e2e demo bench clean \
        test-firmware test-build bench-short
all: $(WIN_BINS) firmware
native: $(NATIVE_BINS) $(UNIT_BIN) $(OUT)/native/tftp-storm

deps:
	@build/install-deps.sh

# --- native -------------------------------------------------------------------------------
# Every object is compiled with its layer's include path and its header dependencies written
# by the compiler beside it (foo.d, read at the end of this file).
$(OUT)/native/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' CC $@
	$(Q)$(NATIVE_CC) $(NATIVE_FLAGS) $(DEPFLAGS) $(call layer_inc,$<) -c $< -o $@

$(OUT)/native/san/%.o: %.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' CC $@
	$(Q)$(NATIVE_CC) $(SAN_FLAGS) $(DEPFLAGS) $(call layer_inc,$<) -c $< -o $@

$(OUT)/native/pxebridge-tftpd: $(TFTPD_MAIN) $(NATIVE_OBJ)
	@printf '  %-8s %s\n' CC $@
	$(Q)$(NATIVE_CC) $(NATIVE_FLAGS) $(PROG_DEPFLAGS) $(call layer_inc,$<) -o $@ $< $(NATIVE_OBJ) $(CORE_LIBS)

$(OUT)/native/pxebridge-tftpd-san: $(TFTPD_MAIN) $(SAN_OBJ)
	@printf '  %-8s %s\n' CC $@
	$(Q)$(NATIVE_CC) $(SAN_FLAGS) $(PROG_DEPFLAGS) $(call layer_inc,$<) -o $@ $< $(SAN_OBJ) $(CORE_LIBS)

# Each unit test links its object with the core; the load generator's unit tests
# (test_storm_*.c) also with the parts they test.
$(UNIT_BIN): $(OUT)/native/tests/%: $(OUT)/native/san/tests/unit/%.o $(SAN_OBJ)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' LD $@
	$(Q)$(NATIVE_CC) $(SAN_FLAGS) -o $@ $< $(filter $(OUT)/native/san/tests/bench/%.o,$^) \
	  $(SAN_OBJ) $(CORE_LIBS) -lcmocka -lm
$(patsubst tests/unit/%.c,$(OUT)/native/tests/%,$(wildcard tests/unit/test_storm_*.c)): \
  $(STORM_SAN_OBJ)

# The sites test's exporter (tests/integration/sites.sh): a plan file in one export format.
$(OUT)/native/tests/export-plan: $(OUT)/native/obj/tests/integration/export_plan.o $(NATIVE_OBJ)
	@printf '  %-8s %s\n' LD $@
	$(Q)$(NATIVE_CC) $(NATIVE_FLAGS) -o $@ $^ $(CORE_LIBS)

$(OUT)/native/tftp-storm: $(OUT)/native/obj/tests/bench/tftp_storm.o $(STORM_OBJ) $(NATIVE_OBJ)
	@printf '  %-8s %s\n' LD $@
	$(Q)$(NATIVE_CC) $(NATIVE_FLAGS) -o $@ $^ $(CORE_LIBS) -lm

# --- fuzzing (libFuzzer) ----------------------------------------------------------------------
# Like the native objects, each source compiles on its own with its layer's include path (so
# an upward include fails here too) and its header dependencies beside it (foo.d), with
# libFuzzer's coverage and the sanitizers; each target links its object with the core's.
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -D_GNU_SOURCE $(COMMON_DEFS)
$(OUT)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' FUZZCC $@
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) $(DEPFLAGS) $(call layer_inc,$<) -c $< -o $@

$(FUZZ_BIN): $(OUT)/fuzz/%: $(OUT)/fuzz/obj/tests/fuzz/%.o $(FUZZ_OBJ)
	@printf '  %-8s %s\n' FUZZ $@
	$(Q)$(FUZZ_CC) -g -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJ) $(CORE_LIBS)

# --- Windows ------------------------------------------------------------------------------
$(OUT)/win/gen/messages.rc $(OUT)/win/gen/messages.h &: service/os/win32/messages.mc
	@mkdir -p $(OUT)/win/gen
	@printf '  %-8s %s\n' WINDMC $@
	$(Q)$(WIN_WINDMC) -h $(OUT)/win/gen -r $(OUT)/win/gen $<

$(OUT)/win/obj/messages.o: $(OUT)/win/gen/messages.rc
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' WINDRES $@
	$(Q)$(WIN_WINDRES) -I$(OUT)/win/gen -i $< -o $@

# Each program's version resource (build/version.rc) from the VERSION file: the service's
# copy is told it is the service.
comma := ,
$(OUT)/win/obj/version-%.o: build/version.rc VERSION
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' WINDRES $@
	$(Q)$(WIN_WINDRES) -DPXB_VERSION='\"$(VERSION)\"' -DPXB_VERSION_NUM=$(subst .,$(comma),$(VERSION)),0 \
	  $(if $(filter service,$*),-DPXB_SERVICE_EXE) -i $< -o $@

$(OUT)/win/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(DEPFLAGS) $(call layer_inc,$<) -c $< -o $@
# The objects that include a generated header (out/win/gen) need it before their first
# compile, when there is no .d file yet to say so.
$(OUT)/win/obj/service/os/win32/eventlog.o: $(OUT)/win/gen/messages.h

$(WIN_LIB): $(WIN_OBJ)
	@printf '  %-8s %s\n' AR $@
	$(Q)rm -f $@ && $(WIN_AR) rcs $@ $(WIN_OBJ)

$(OUT)/bin/pxebridge-service.exe: $(SERVICE_MAIN) $(WIN_LIB) $(OUT)/win/obj/messages.o \
                                  $(OUT)/win/obj/version-service.o
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(PROG_DEPFLAGS) $(call layer_inc,$<) $(WIN_LDFLAGS) -o $@ $< \
	  $(OUT)/win/obj/messages.o \
	  $(OUT)/win/obj/version-service.o $(WIN_LIB) $(WIN_LIBS)

# The pinned iPXE images (firmware/ipxe.lock) that `pxebridge firmware` checks, as a header.
$(OUT)/win/gen/ipxe_pins.h: firmware/ipxe.lock build/ipxe_pins.awk
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' AWK $@
	$(Q)awk -f build/ipxe_pins.awk $< >$@.tmp && mv $@.tmp $@
# The project's own boot programs' sums as built, the same way: the CLI and the MSI of one
# build carry the same files.
$(OUT)/win/gen/own_pins.h: $(OWN_IMAGES) build/own_pins.sh
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' SHA256 $@
	$(Q)build/own_pins.sh $(OWN_IMAGES) >$@.tmp && mv $@.tmp $@
# Debian's signed chain (firmware/signed.lock), the same way.
$(OUT)/win/gen/signed_pins.h: firmware/signed.lock build/ipxe_pins.awk
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' AWK $@
	$(Q)awk -v set=SIGNED -f build/ipxe_pins.awk $< >$@.tmp && mv $@.tmp $@
$(OUT)/win/obj/service/cli/firmware_images.o: $(OUT)/win/gen/ipxe_pins.h $(OUT)/win/gen/own_pins.h \
                                             $(OUT)/win/gen/signed_pins.h
$(OUT)/win/obj/service/cli/cmd_firmware.o: $(OUT)/win/gen/ipxe_pins.h

# The admin command line: every file of service/cli/, cli_main.c holding wmain.
$(OUT)/bin/pxebridge.exe: $(CLI_OBJ) $(WIN_LIB) $(OUT)/win/obj/version-cli.o
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(WIN_LDFLAGS) -o $@ $(CLI_OBJ) $(OUT)/win/obj/version-cli.o \
	  $(WIN_LIB) $(WIN_LIBS)

# The wine test's helper for what wine's sc.exe can't do (status, PARAMCHANGE).
$(OUT)/win/tests/svcctl.exe: tests/wine/svcctl.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(WIN_LDFLAGS) -o $@ $<

# make bench's measure of wine's own ceiling: a bare sendto loop (tests/bench/wine_sendto.c).
$(OUT)/win/tests/wine-sendto.exe: tests/bench/wine_sendto.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(filter-out -municode,$(WIN_LDFLAGS)) -o $@ $< -lws2_32

# cli_live.sh's raw client of the status pipe: sends a line pxebridge.exe never would.
$(OUT)/win/tests/pipe_line.exe: tests/wine/pipe_line.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(WIN_LDFLAGS) -o $@ $<

# The DHCP sync wine test's driver: pxb_dhcp_run on a plan file (tests/wine/dhcp_sync.sh).
$(OUT)/win/tests/dhcp_sync_driver.exe: tests/wine/dhcp_sync_driver.c $(WIN_LIB)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(WIN_FLAGS) $(PROG_DEPFLAGS) $(call layer_inc,$<) -static -static-libgcc -o $@ $< $(WIN_LIB) $(WIN_LIBS)

# The dhcpsapi.dll test double and its tools (tests/dhcpsapi_double/): the DLL is every
# source there but the tool's dhcpdouble*.c (layout_x64.c, the layout guard of
# dhcpsapi_decl.h, included); dhcpdouble.exe links the same sources; the self-test (selftest/, the
# conformance cases written from MS-DHCPM) loads the DLL like the product does.
# `make wine` runs tests/wine/dhcp_double.sh.
DOUBLE_DIR   := tests/dhcpsapi_double
DOUBLE_TOOL  := $(wildcard $(DOUBLE_DIR)/dhcpdouble*.c)
DOUBLE_SRC   := $(filter-out $(DOUBLE_TOOL), $(wildcard $(DOUBLE_DIR)/*.c))
SELFTEST_SRC := $(wildcard $(DOUBLE_DIR)/selftest/*.c)
DOUBLE_DEPS  := $(DOUBLE_SRC) $(wildcard $(DOUBLE_DIR)/*.h) dhcpext/msdhcp/win32/dhcpsapi_decl.h
DOUBLE_FLAGS := $(WIN_FLAGS) -Idhcpext/msdhcp/win32 -I$(DOUBLE_DIR)
DOUBLE_BINS  := $(OUT)/win/tests/dhcpsapi.dll $(OUT)/win/tests/dhcpdouble.exe \
                $(OUT)/win/tests/double_selftest.exe

$(OUT)/win/tests/dhcpsapi.dll: $(DOUBLE_DIR)/dhcpsapi.def $(DOUBLE_DEPS)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(DOUBLE_FLAGS) -shared -static -static-libgcc -o $@ $(DOUBLE_SRC) $<

$(OUT)/win/tests/dhcpdouble.exe: $(DOUBLE_TOOL) $(DOUBLE_DEPS)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(DOUBLE_FLAGS) $(WIN_LDFLAGS) -o $@ $(DOUBLE_TOOL) $(DOUBLE_SRC)

$(OUT)/win/tests/double_selftest.exe: $(SELFTEST_SRC) $(wildcard $(DOUBLE_DIR)/selftest/*.h) \
                                      $(DOUBLE_DEPS)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' MINGW $@
	$(Q)$(WIN_CC) $(DOUBLE_FLAGS) -I$(DOUBLE_DIR)/selftest $(WIN_LDFLAGS) -o $@ $(SELFTEST_SRC)

# --- boot images ---------------------------------------------------------------------------
# iPXE from Debian's package, pinned by SHA-256 in firmware/ipxe.lock, and the project's own
# boot programs (docs/boot-images.md): pxbinfo.0 (nasm) and pxbinfo.efi (gnu-efi).
firmware: $(OUT)/firmware/.verified $(SIGNED_IMAGES) $(OWN_IMAGES)
$(OUT)/firmware/.verified: firmware/ipxe.lock firmware/fetch-ipxe.sh firmware/IPXE-SOURCE.txt \
                           firmware/pinned-images.sh
	@firmware/fetch-ipxe.sh $(OUT)/firmware
	@touch $@
# Debian's signed Secure Boot chain (shim, its helpers, GRUB), pinned in firmware/signed.lock.
$(OUT)/firmware/.signed-verified: firmware/signed.lock firmware/fetch-signed.sh firmware/pinned-images.sh
	@firmware/fetch-signed.sh $(OUT)/firmware
	@touch $@

$(OUT)/firmware/pxbinfo.0: $(wildcard firmware/pxbinfo-bios/*.asm)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' NASM $@
	$(Q)$(NASM) $(NASM_FLAGS) -I firmware/pxbinfo-bios/ -o $@ firmware/pxbinfo-bios/pxbinfo.asm

PXBINFO_EFI_SRC := $(wildcard firmware/pxbinfo-efi/*.c)
PXBINFO_EFI_OBJ := $(patsubst %.c,$(OUT)/efi/obj/%.o,$(PXBINFO_EFI_SRC))
$(OUT)/efi/obj/%.o: %.c $(wildcard firmware/pxbinfo-efi/*.h firmware/winpe-marker/*.h)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' EFICC $@
	$(Q)$(EFI_CC) $(EFI_CFLAGS) -c $< -o $@

$(OUT)/efi/pxbinfo.so: $(PXBINFO_EFI_OBJ)
	@printf '  %-8s %s\n' EFILD $@
	$(Q)ld $(EFI_LDFLAGS) $(PXBINFO_EFI_OBJ) -o $@ $(EFI_LIBS)

# The WinPE boot test's boot manager (tests/e2e/winpe.sh puts it in its WIM): a test
# program, not one of the MSI's own images.
WINPE_MARKER_OBJ := $(patsubst %.c,$(OUT)/efi/obj/%.o,$(wildcard firmware/winpe-marker/*.c))
WINPE_MARKER := $(OUT)/firmware/winpe-marker.efi
$(OUT)/efi/winpe-marker.so: $(WINPE_MARKER_OBJ)
	@printf '  %-8s %s\n' EFILD $@
	$(Q)ld $(EFI_LDFLAGS) $(WINPE_MARKER_OBJ) -o $@ $(EFI_LIBS)

$(OUT)/firmware/%.efi: $(OUT)/efi/%.so
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' OBJCOPY $@
	$(Q)$(EFI_OBJCOPY) $(EFI_SECTIONS) $(EFI_APP_TARGET) $< $@

# The Secure Boot boot tests' Linux (tests/e2e/secureboot.sh, secureboot_arm64.sh): Debian's
# signed kernels for x64 and ARM64, pinned in tests/e2e/kernel.lock, and for each an
# initramfs whose static init (cross-compiled for ARM64) prints the test's marker.
E2E_KERNEL := $(OUT)/e2e/.kernel-verified
E2E_INITRD := $(OUT)/e2e/debian/initrd.img
E2E_INITRD_ARM64 := $(OUT)/e2e/debian/arm64/initrd.img
ARM64_CC := aarch64-linux-gnu-gcc
$(E2E_KERNEL): tests/e2e/kernel.lock firmware/fetch-signed.sh firmware/pinned-images.sh
	@PXB_SIGNED_LOCK=tests/e2e/kernel.lock firmware/fetch-signed.sh $(OUT)/e2e
	@touch $@
$(OUT)/e2e/sb_init: tests/e2e/sb_init.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' CC $@
	$(Q)$(NATIVE_CC) -std=c11 -D_GNU_SOURCE -static -Os $(WARN) -o $@ $<
$(OUT)/e2e/sb_init_arm64: tests/e2e/sb_init.c
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' ARM64CC $@
	$(Q)$(ARM64_CC) -std=c11 -D_GNU_SOURCE -static -Os $(WARN) -o $@ $<
$(E2E_INITRD): $(OUT)/e2e/sb_init tests/e2e/make_initrd.py
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' CPIO $@
	$(Q)tests/e2e/make_initrd.py $< $@
$(E2E_INITRD_ARM64): $(OUT)/e2e/sb_init_arm64 tests/e2e/make_initrd.py
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' CPIO $@
	$(Q)tests/e2e/make_initrd.py $< $@

# --- installer ----------------------------------------------------------------------------
# The Group Policy templates the MSI installs, written from the settings tables by a native
# build tool (build/policy_templates.c), so they hold every setting as the product has it.
POLICY_TOOL := $(OUT)/native/policy-templates
POLICY_DIR  := $(OUT)/policy
POLICY_FILES:= $(POLICY_DIR)/pxebridge.admx $(POLICY_DIR)/en-US/pxebridge.adml
$(POLICY_TOOL): build/policy_templates.c $(NATIVE_OBJ)
	@printf '  %-8s %s\n' CC $@
	$(Q)$(NATIVE_CC) $(NATIVE_FLAGS) $(PROG_DEPFLAGS) $(INC.service/runtime) -o $@ $< \
	  $(NATIVE_OBJ) $(CORE_LIBS)
$(POLICY_FILES): $(POLICY_TOOL)
	@mkdir -p $(dir $@)
	@printf '  %-8s %s\n' GEN $@
	$(Q)$(POLICY_TOOL) $(subst .,,$(suffix $@)) >$@.tmp && mv $@.tmp $@

# The MSI (installer/): `make msi VERSION=x.y.z` builds another version for upgrade tests.
MSI := $(OUT)/pxebridge-$(VERSION)-x64.msi
msi: $(MSI)
$(MSI): installer/pxebridge.wxs installer/beyond-wixl.sql installer/build-msi.sh $(WIN_BINS) \
        $(OUT)/firmware/.verified $(SIGNED_IMAGES) $(OWN_IMAGES) $(POLICY_FILES)
	@printf '  %-8s %s\n' WIXL $@
	$(Q)installer/build-msi.sh $(VERSION) $(OUT)/bin $(OUT)/firmware $(POLICY_DIR) $@

# --- tests --------------------------------------------------------------------------------
# What each suite needs built. `make check` builds all of it first (in parallel under make -j),
# then runs the suites one after another: they share wine, network namespaces and two cores.
WINE_PREREQS := all $(OUT)/win/tests/svcctl.exe $(OUT)/win/tests/pipe_line.exe $(DOUBLE_BINS) \
                $(OUT)/win/tests/dhcp_sync_driver.exe $(MSI) $(POLICY_FILES)
E2E_PREREQS  := $(MSI) $(OUT)/win/tests/svcctl.exe $(E2E_KERNEL) $(E2E_INITRD) $(E2E_INITRD_ARM64) \
                $(WINPE_MARKER)
BENCH_PREREQS:= $(OUT)/native/pxebridge-tftpd $(OUT)/native/tftp-storm \
                $(OUT)/bin/pxebridge-service.exe $(OUT)/win/tests/svcctl.exe \
                $(OUT)/win/tests/wine-sendto.exe
TEST_PREREQS := $(UNIT_BIN) $(FUZZ_BIN) $(NATIVE_BINS) $(OWN_IMAGES) $(SIGNED_IMAGES) \
                $(WINE_PREREQS) $(E2E_PREREQS) $(BENCH_PREREQS)
SUITES       := test-build unit fuzz integration test-firmware wine e2e bench-short

check: deps
	@$(MAKE) --no-print-directory $(TEST_PREREQS)
	@$(MAKE) --no-print-directory -j1 $(SUITES)

# The build itself (tests/build/): the shell test harness's self-test, the layers of the
# #include lines, the Makefile's own lint, then a release built from a clean output folder
# with `make -j2 msi` alone, installed under wine, checked by firmware verify.
test-build: $(OUT)/win/tests/svcctl.exe
	@tests/lib/harness_selftest.sh
	@tests/build/layer_check.sh
	@tests/build/make_lint.sh
	@tests/build/clean_msi.sh

# The signature tests read the real signed and unsigned images.
unit: $(UNIT_BIN) $(OUT)/firmware/.verified $(SIGNED_IMAGES)
	@tests/run-unit.sh $(UNIT_BIN)

# The signature reader's seeds are the real signed and unsigned images.
fuzz: $(FUZZ_BIN) $(OUT)/firmware/.verified $(SIGNED_IMAGES)
	@tests/fuzz/run.sh $(FUZZ_BIN)

# The pinned iPXE images, then the project's own boot programs in QEMU (no root needed).
test-firmware: $(OWN_IMAGES)
	@tests/firmware/run.sh
	@tests/firmware/own_images.sh

integration: $(NATIVE_BINS) $(OUT)/native/tests/export-plan
	@tests/integration/run.sh
	@tests/integration/sites.sh
	@tests/integration/proxydhcp.sh

wine: $(WINE_PREREQS)
	@tests/wine/run.sh
	@tests/wine/cli.sh
	@tests/wine/cli_live.sh
	@tests/wine/winpe.sh
	@tests/wine/wimboot.sh
	@tests/wine/policy.sh
	@tests/wine/http.sh
	@tests/wine/dhcp_double.sh
	@tests/wine/dhcp_service.sh
	@tests/wine/dhcp_sync.sh
	@tests/wine/dhcp_cycle.sh
	@tests/wine/dhcp_failover.sh
	@tests/wine/proxydhcp.sh
	@tests/wine/msi.sh

# QEMU boots through pxebridge, installed from the MSI under wine, in a network namespace
# (tests/e2e/): run.sh, a second site's VM behind a DHCP relay (sites.sh), the service's
# proxyDHCP against dnsmasq's (proxydhcp.sh), then the Secure Boot boots of secureboot.sh,
# HTTP from the service (http.sh), Windows PE through wimboot (winpe.sh) and, on ARM64,
# secureboot_arm64.sh.
e2e: $(E2E_PREREQS)
	@tests/e2e/run.sh
	@tests/e2e/sites.sh
	@tests/e2e/proxydhcp.sh
	@tests/e2e/secureboot.sh
	@tests/e2e/http.sh
	@tests/e2e/winpe.sh
	@tests/e2e/secureboot_arm64.sh

demo: deps
	@$(MAKE) --no-print-directory $(E2E_PREREQS)
	@tests/e2e/demo.sh

bench: deps
	@$(MAKE) --no-print-directory $(BENCH_PREREQS)
	@tests/bench/run.sh

# The short bench make check runs (fewer clients, smaller files: figures printed, nothing
# timed asserted; it fails only when the bench itself cannot run).
bench-short: $(BENCH_PREREQS)
	@BENCH_SHORT=1 tests/bench/run.sh

clean:
	rm -rf $(OUT)

# The header dependencies the compiler wrote (none before the first build).
DEP_FILES := $(patsubst %.o,%.d,$(NATIVE_OBJ) $(SAN_OBJ) $(WIN_OBJ) $(CLI_OBJ) $(UNIT_OBJ) \
               $(STORM_OBJ) $(STORM_SAN_OBJ) $(OUT)/native/obj/tests/bench/tftp_storm.o \
               $(FUZZ_OBJ) $(patsubst tests/fuzz/%.c,$(OUT)/fuzz/obj/tests/fuzz/%.o,$(FUZZ_SRC))) \
             $(addsuffix .d,$(NATIVE_BINS) $(POLICY_TOOL) $(OUT)/bin/pxebridge-service.exe \
               $(OUT)/win/tests/dhcp_sync_driver.exe)
-include $(DEP_FILES)
