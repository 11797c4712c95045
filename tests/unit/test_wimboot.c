/* test_wimboot.c: unit tests for telling wimboot from other files (wimboot.h): PE images
 * made here by the PE format's layout (MZ, the PE header's offset at 0x3c, the COFF
 * machine, the optional header's subsystem) for each machine wimboot is built for, with and
 * without wimboot's version string, other machines and subsystems, truncated headers; and
 * the release files of wimboot 2.9.0 (WIMBOOT=FILE, default the shared fixture; missing:
 * said loudly and skipped, a failure under CI=true). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whole_file.h"
#include "wimboot.h"

#define FIXTURE "/work/shared/fixtures/wimboot-2.9.0-signed/wimboot"
#define PE_AT 0x80
#define IMAGE_SIZE 1024

static unsigned char image[IMAGE_SIZE];

/* A PE image for machine with subsystem and, if given, the text somewhere after its
 * headers. */
static void make_pe(unsigned machine, unsigned subsystem, const char *text)
{
    memset(image, 0, sizeof image);
    image[0] = 'M';
    image[1] = 'Z';
    image[0x3c] = PE_AT;
    memcpy(image + PE_AT, "PE\0\0", 4);
    image[PE_AT + 4] = (unsigned char)machine;
    image[PE_AT + 5] = (unsigned char)(machine >> 8);
    image[PE_AT + 24 + 68] = (unsigned char)subsystem;
    if (text != NULL)
        memcpy(image + 0x200, text, strlen(text));
}

static void assert_refused(size_t len, const char *why)
{
    pxb_wimboot_info info;
    pxb_error err = {0};
    assert_int_equal(pxb_wimboot_check(image, len, &info, &err), -1);
    if (strstr(err.text, why) == NULL)
        fail_msg("refusal '%s' lacks '%s'", err.text, why);
}

static void test_each_build(void **state)
{
    static const struct {
        unsigned machine;
        const char *name;
        const char *clients;
    } CASES[] = {{0x8664, "wimboot", "BIOS and x64 UEFI"},
                 {0x14c, "wimboot.i386", "BIOS and IA32 UEFI"},
                 {0xaa64, "wimboot.arm64", "ARM64 UEFI"}};
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        pxb_wimboot_info info;
        pxb_error err = {0};
        make_pe(CASES[i].machine, 10, "wimboot v2.10.1 -- Windows Imaging Format bootloader");
        assert_int_equal(pxb_wimboot_check(image, sizeof image, &info, &err), 0);
        assert_string_equal(info.name, CASES[i].name);
        assert_string_equal(info.clients, CASES[i].clients);
        assert_string_equal(info.version, "2.10.1");
        assert_string_equal(pxb_wimboot_clients(CASES[i].name), CASES[i].clients);
    }
    assert_null(pxb_wimboot_clients("snponly.efi"));
}

static void test_not_wimboot(void **state)
{
    (void)state;
    make_pe(0x8664, 10, "iPXE -- Open Source Network Boot Firmware");
    assert_refused(sizeof image, "has no wimboot version string");
    make_pe(0x8664, 10, "wimboot v-");
    assert_refused(sizeof image, "has no wimboot version string");
    make_pe(0x1c4, 10, "wimboot v2.9.0");
    assert_refused(sizeof image, "machine 0x01c4");
    make_pe(0x8664, 3, "wimboot v2.9.0");
    assert_refused(sizeof image, "subsystem 3, not an EFI application");
    make_pe(0x8664, 10, "wimboot v2.9.0");
    assert_refused(PE_AT + 40, "no PE header");
    image[0x3c] = 0xf0;
    image[0x3d] = 0xff;
    assert_refused(sizeof image, "no PE header");
    memcpy(image, "# a text file\n", 14);
    assert_refused(sizeof image, "no MZ header");
    assert_refused(10, "no MZ header");
}

/* The release as downloaded: the x86 hybrid, the i386 and the ARM64 builds. */
static void test_release_files(void **state)
{
    const char *file = getenv("WIMBOOT") != NULL ? getenv("WIMBOOT") : FIXTURE;
    static const char *const SUFFIX[] = {"", ".i386", ".arm64"};
    static const char *const NAME[] = {"wimboot", "wimboot.i386", "wimboot.arm64"};
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        char path[512];
        pxb_wimboot_info info;
        pxb_error err = {0};
        size_t len;
        snprintf(path, sizeof path, "%s%s", file, SUFFIX[i]);
        char *data = pxb_file_read(path, 1u << 24, &len, &err);
        if (data == NULL && getenv("CI") != NULL && strcmp(getenv("CI"), "true") == 0)
            fail_msg("wimboot (WIMBOOT=%s) is missing under CI: %s", path, err.text);
        if (data == NULL) {
            fprintf(stderr, "NOT RUN: wimboot %s is missing (%s); set WIMBOOT=FILE\n", path,
                    err.text);
            skip();
        }
        int rc = pxb_wimboot_check((const unsigned char *)data, len, &info, &err);
        free(data);
        if (rc != 0)
            fail_msg("%s refused: %s", path, err.text);
        assert_string_equal(info.name, NAME[i]);
        assert_true(info.version[0] != '\0');
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_build),
        cmocka_unit_test(test_not_wimboot),
        cmocka_unit_test(test_release_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
