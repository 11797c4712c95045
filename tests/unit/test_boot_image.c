/* test_boot_image.c: unit tests for the first-stage image check: UEFI applications of each
 * CPU against the UEFI stages (the machine must match; drivers, Windows programs, cut-short
 * or missing headers refused, each saying what the file is), BIOS PXE programs (a PE or ELF
 * file refused, the 640 KiB limit), empty files, HTTP stages, and which stage an image name
 * belongs to in a plan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "boot_image.h"

#define PE_AT 0x80

static unsigned char head[PXB_IMAGE_HEAD_MAX];
static pxb_error err;

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)(v >> 8);
}

/* head: a PE image with this machine, optional-header magic and subsystem. */
static void make_pe(unsigned machine, unsigned magic, unsigned subsystem)
{
    memset(head, 0, sizeof head);
    head[0] = 'M';
    head[1] = 'Z';
    put16(head + 0x3c, PE_AT);
    memcpy(head + PE_AT, "PE\0\0", 4);
    put16(head + PE_AT + 4, machine);
    put16(head + PE_AT + 24, magic);
    put16(head + PE_AT + 24 + 68, subsystem);
}

static int check(enum pxb_stage stage, size_t head_len, unsigned long long size)
{
    pxb_error_clear(&err);
    return pxb_image_check(stage, head, head_len, size, &err);
}

static void test_uefi_application_of_the_stage_cpu(void **state)
{
    (void)state;
    make_pe(0x8664, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, sizeof head, 173792), 0);
    make_pe(0x014c, 0x10b, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_IA32, sizeof head, 100000), 0);
    make_pe(0xaa64, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_ARM64, sizeof head, 100000), 0);
}

static void test_uefi_wrong_cpu_names_both(void **state)
{
    (void)state;
    make_pe(0xaa64, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, sizeof head, 1000), -1);
    assert_string_equal(err.text, "it is a UEFI application for ARM64, but UefiX64File needs one "
                             "for x64");
    make_pe(0x1234, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_IA32, sizeof head, 1000), -1);
    assert_non_null(strstr(err.text, "machine 0x1234"));
}

static void test_uefi_refuses_drivers_and_windows_programs(void **state)
{
    (void)state;
    make_pe(0x8664, 0x20b, 11);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, sizeof head, 1000), -1);
    assert_non_null(strstr(err.text, "a UEFI driver"));
    make_pe(0x8664, 0x20b, 3);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, sizeof head, 1000), -1);
    assert_non_null(strstr(err.text, "a Windows program"));
    make_pe(0x8664, 0x999, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, sizeof head, 1000), -1);
    assert_non_null(strstr(err.text, "magic 0x999"));
}

static void test_uefi_refuses_what_is_no_pe_image(void **state)
{
    (void)state;
    memset(head, 0x90, sizeof head); /* BIOS code, say */
    assert_int_equal(check(PXB_STAGE_UEFI_X64, sizeof head, 70000), -1);
    assert_non_null(strstr(err.text, "not a UEFI application (no PE image headers)"));
    /* "MZ" whose e_lfanew points past what was read, or at no signature. */
    make_pe(0x8664, 0x20b, 10);
    put16(head + 0x3c, 0x2000);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, 0x100, 0x100), -1);
    assert_non_null(strstr(err.text, "no PE image headers"));
    /* Headers cut short by the file's end. */
    make_pe(0x8664, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_UEFI_X64, PE_AT + 40, PE_AT + 40), -1);
    assert_non_null(strstr(err.text, "cut short"));
}

static void test_bios_program(void **state)
{
    (void)state;
    memset(head, 0, sizeof head);
    memcpy(head, "\xeb\x3c\x90", 3);
    assert_int_equal(check(PXB_STAGE_BIOS, sizeof head, 70271), 0);
    assert_int_equal(check(PXB_STAGE_BIOS, sizeof head, PXB_IMAGE_BIOS_MAX), 0);
    assert_int_equal(check(PXB_STAGE_BIOS, sizeof head, PXB_IMAGE_BIOS_MAX + 1), -1);
    assert_non_null(strstr(err.text, "below 640 KiB"));
}

static void test_bios_refuses_pe_and_elf(void **state)
{
    (void)state;
    make_pe(0x8664, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_BIOS, sizeof head, 173792), -1);
    assert_non_null(strstr(err.text, "a PE image"));
    memset(head, 0, sizeof head);
    memcpy(head, "\x7f" "ELF", 4);
    assert_int_equal(check(PXB_STAGE_BIOS, sizeof head, 5000), -1);
    assert_non_null(strstr(err.text, "an ELF file"));
}

static void test_empty_and_http(void **state)
{
    (void)state;
    assert_int_equal(check(PXB_STAGE_BIOS, 0, 0), -1);
    assert_string_equal(err.text, "it is empty");
    make_pe(0x8664, 0x20b, 10);
    assert_int_equal(check(PXB_STAGE_HTTP_X64, sizeof head, 1000), -1);
    assert_non_null(strstr(err.text, "HTTP boot URL"));
}

static void test_stage_of_an_image_name(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    pxb_plan_defaults(&plan);
    snprintf(plan.stage[PXB_STAGE_UEFI_ARM64], sizeof plan.stage[0], "boot\\arm64\\ipxe.efi");
    snprintf(plan.stage[PXB_STAGE_HTTP_X64], sizeof plan.stage[0], "http://x/ipxe-http.efi");
    assert_int_equal(pxb_image_stage(&plan, "undionly.kpxe"), PXB_STAGE_BIOS);
    assert_int_equal(pxb_image_stage(&plan, "SNPONLY.EFI"), PXB_STAGE_UEFI_X64);
    assert_int_equal(pxb_image_stage(&plan, "ipxe.efi"), PXB_STAGE_UEFI_ARM64);
    assert_int_equal(pxb_image_stage(&plan, "ipxe-http.efi"), -1);
    assert_int_equal(pxb_image_stage(&plan, "other.efi"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uefi_application_of_the_stage_cpu),
        cmocka_unit_test(test_uefi_wrong_cpu_names_both),
        cmocka_unit_test(test_uefi_refuses_drivers_and_windows_programs),
        cmocka_unit_test(test_uefi_refuses_what_is_no_pe_image),
        cmocka_unit_test(test_bios_program),
        cmocka_unit_test(test_bios_refuses_pe_and_elf),
        cmocka_unit_test(test_empty_and_http),
        cmocka_unit_test(test_stage_of_an_image_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
