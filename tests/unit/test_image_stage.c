/* test_image_stage.c: unit tests for the stage and firmware of a boot image: the plan's
 * stage naming it (any case, any folder), else from its kind (.efi: x64 UEFI, else BIOS). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "image_stage.h"

static void plan_with_arm64(pxb_boot_plan *plan)
{
    pxb_plan_defaults(plan);
    snprintf(plan->stage[PXB_STAGE_BIOS], sizeof plan->stage[0], "undionly.kpxe");
    snprintf(plan->stage[PXB_STAGE_UEFI_IA32], sizeof plan->stage[0], "ia32/ipxe32.efi");
    snprintf(plan->stage[PXB_STAGE_UEFI_ARM64], sizeof plan->stage[0], "arm64/ipxe.efi");
}

static void test_stage_from_the_plan(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    plan_with_arm64(&plan);
    assert_int_equal(pxb_image_stage_or_kind(&plan, "UNDIONLY.KPXE"), PXB_STAGE_BIOS);
    assert_int_equal(pxb_image_stage_or_kind(&plan, "ipxe.efi"), PXB_STAGE_UEFI_ARM64);
    assert_int_equal(pxb_image_stage_or_kind(&plan, "ipxe32.efi"), PXB_STAGE_UEFI_IA32);
}

static void test_stage_from_the_kind(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    plan_with_arm64(&plan);
    assert_int_equal(pxb_image_stage_or_kind(&plan, "other.EFI"), PXB_STAGE_UEFI_X64);
    assert_int_equal(pxb_image_stage_or_kind(&plan, "pxbinfo.0"), PXB_STAGE_BIOS);
    assert_int_equal(pxb_image_stage_or_kind(&plan, "efi"), PXB_STAGE_BIOS);
}

static void test_firmware_words(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    plan_with_arm64(&plan);
    assert_string_equal(pxb_image_firmware(&plan, "undionly.kpxe"), "BIOS x86");
    assert_string_equal(pxb_image_firmware(&plan, "snponly.efi"), "UEFI x64");
    assert_string_equal(pxb_image_firmware(&plan, "ipxe32.efi"), "UEFI IA32");
    assert_string_equal(pxb_image_firmware(&plan, "ipxe.efi"), "UEFI ARM64");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stage_from_the_plan),
        cmocka_unit_test(test_stage_from_the_kind),
        cmocka_unit_test(test_firmware_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
