/* test_image_stage.c: unit tests for the stage and firmware of a boot image: the plan's
 * stage naming it (any case, any folder), else from its kind (...aa64.efi: ARM64 UEFI, other
 * .efi: x64 UEFI, else BIOS). */
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

/* Image names, the stage whose clients load each and that stage's firmware in words. */
static const struct {
    const char *name;
    enum pxb_stage stage;
    const char *firmware;
} CASES[] = {
    /* Named by the plan: any case, the plan's folder not part of the name. */
    {"UNDIONLY.KPXE", PXB_STAGE_BIOS, "BIOS x86"},
    {"ipxe.efi", PXB_STAGE_UEFI_ARM64, "UEFI ARM64"},
    {"ipxe32.efi", PXB_STAGE_UEFI_IA32, "UEFI IA32"},
    {"snponly.efi", PXB_STAGE_UEFI_X64, "UEFI x64"},
    /* Named by no stage: from the kind. */
    {"other.EFI", PXB_STAGE_UEFI_X64, "UEFI x64"},
    {"secureboot/shimaa64.efi", PXB_STAGE_UEFI_ARM64, "UEFI ARM64"},
    {"secureboot/GRUBAA64.EFI", PXB_STAGE_UEFI_ARM64, "UEFI ARM64"},
    {"secureboot/grubx64.efi", PXB_STAGE_UEFI_X64, "UEFI x64"},
    {"pxbinfo.0", PXB_STAGE_BIOS, "BIOS x86"},
    {"efi", PXB_STAGE_BIOS, "BIOS x86"},
    /* wimboot's fixed names: its clients (the stage is the kind's, wimboot is none). */
    {"wimboot", PXB_STAGE_BIOS, "BIOS and x64 UEFI"},
    {"WIMBOOT.arm64", PXB_STAGE_BIOS, "ARM64 UEFI"},
    {"wimboot.i386", PXB_STAGE_BIOS, "BIOS and IA32 UEFI"},
};

static void test_stage_and_firmware(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    plan_with_arm64(&plan);
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        assert_int_equal(pxb_image_stage_or_kind(&plan, CASES[i].name), CASES[i].stage);
        assert_string_equal(pxb_image_firmware(&plan, CASES[i].name), CASES[i].firmware);
    }
}

static void test_http_url_is_no_stage_of_an_image(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    plan_with_arm64(&plan);
    snprintf(plan.stage[PXB_STAGE_HTTP_X64], sizeof plan.stage[0], "http://x/http.efi");
    /* An HTTP boot URL names no TFTP image: its file counts by its kind alone. */
    assert_int_equal(pxb_image_stage_or_kind(&plan, "http.efi"), PXB_STAGE_UEFI_X64);
    snprintf(plan.stage[PXB_STAGE_HTTP_ARM64], sizeof plan.stage[0], "http://x/arm.kpxe");
    assert_string_equal(pxb_image_firmware(&plan, "arm.kpxe"), "BIOS x86");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stage_and_firmware),
        cmocka_unit_test(test_http_url_is_no_stage_of_an_image),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
