/* boot_image.c: is a file a first-stage image for a plan stage (see boot_image.h). Reads the
 * PE headers of UEFI applications: the DOS header's "MZ" and e_lfanew, the "PE\0\0"
 * signature, the COFF header's machine and the optional header's magic and subsystem. */
#include "boot_image.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "file_name.h"

#define DOS_LFANEW_AT 0x3C
#define COFF_MACHINE_AT 4   /* from the PE signature */
#define OPTIONAL_AT 24      /* the optional header, from the PE signature */
#define SUBSYSTEM_AT 68     /* in the optional header, PE32 and PE32+ alike */
#define SUBSYSTEM_EFI_APPLICATION 10
#define MAGIC_PE32 0x10b
#define MAGIC_PE32_PLUS 0x20b

typedef struct machine {
    uint16_t code;
    const char *name;
} machine;

static const machine MACHINES[] = {
    {0x8664, "x64"}, {0x014c, "IA32"}, {0xaa64, "ARM64"}, {0x01c2, "ARM32"},
    {0x5064, "RISC-V 64"},
};

static unsigned read16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t read32(const unsigned char *p)
{
    return (uint32_t)read16(p) | (uint32_t)read16(p + 2) << 16;
}

static const char *machine_name(unsigned code)
{
    for (size_t i = 0; i < sizeof MACHINES / sizeof MACHINES[0]; i++)
        if (MACHINES[i].code == code)
            return MACHINES[i].name;
    return NULL;
}

/* The machine code a stage's clients run, 0 for BIOS. */
static unsigned stage_machine(enum pxb_stage stage)
{
    switch (stage) {
    case PXB_STAGE_UEFI_X64:
        return 0x8664;
    case PXB_STAGE_UEFI_IA32:
        return 0x014c;
    case PXB_STAGE_UEFI_ARM64:
        return 0xaa64;
    default:
        return 0;
    }
}

int pxb_image_stage(const pxb_boot_plan *plan, const char *name)
{
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++) {
        if (pxb_stage((enum pxb_stage)s)->http || plan->stage[s][0] == '\0')
            continue;
        if (pxb_same_file_name(name, plan->stage[s]))
            return (int)s;
    }
    return -1;
}

/* The PE signature's offset in head, or 0 if head is no PE image (as far as it holds). */
static uint32_t pe_offset(const unsigned char *head, size_t head_len)
{
    if (head_len < DOS_LFANEW_AT + 4 || head[0] != 'M' || head[1] != 'Z')
        return 0;
    uint32_t at = read32(head + DOS_LFANEW_AT);
    if (at < DOS_LFANEW_AT + 4 || at > head_len - 4 || memcmp(head + at, "PE\0\0", 4) != 0)
        return 0;
    return at;
}

static int check_uefi(enum pxb_stage stage, const unsigned char *head, size_t head_len,
                      pxb_error *err)
{
    const pxb_stage_info *info = pxb_stage(stage);
    const char *want = machine_name(stage_machine(stage));
    uint32_t pe = pe_offset(head, head_len);
    if (pe == 0) {
        pxb_error_set(err, "it is not a UEFI application (no PE image headers), but %s "
                      "needs a UEFI application for %s", info->setting, want);
        return -1;
    }
    if ((size_t)pe + OPTIONAL_AT + SUBSYSTEM_AT + 2 > head_len) {
        pxb_error_set(err, "its PE headers are cut short, so it is no UEFI application "
                      "%s can boot", info->setting);
        return -1;
    }
    unsigned code = read16(head + pe + COFF_MACHINE_AT);
    unsigned magic = read16(head + pe + OPTIONAL_AT);
    unsigned subsystem = read16(head + pe + OPTIONAL_AT + SUBSYSTEM_AT);
    if (magic != MAGIC_PE32 && magic != MAGIC_PE32_PLUS) {
        pxb_error_set(err, "its PE optional header is not PE32 or PE32+ (magic 0x%x), so "
                      "it is no UEFI application %s can boot", magic, info->setting);
        return -1;
    }
    if (subsystem != SUBSYSTEM_EFI_APPLICATION) {
        pxb_error_set(err, "it is a PE image of subsystem %u (%s), not a UEFI application "
                      "(subsystem 10), which %s needs", subsystem,
                      subsystem == 2 || subsystem == 3 ? "a Windows program"
                      : subsystem == 11 || subsystem == 12 ? "a UEFI driver" : "not UEFI",
                      info->setting);
        return -1;
    }
    if (code != stage_machine(stage)) {
        const char *got = machine_name(code);
        char got_text[32];
        if (got == NULL) {
            snprintf(got_text, sizeof got_text, "machine 0x%04x", code);
            got = got_text;
        }
        pxb_error_set(err, "it is a UEFI application for %s, but %s needs one for %s",
                      got, info->setting, want);
        return -1;
    }
    return 0;
}

static int check_bios(const unsigned char *head, size_t head_len, unsigned long long size,
                      pxb_error *err)
{
    const char *kind = NULL;
    if (pe_offset(head, head_len) != 0)
        kind = "a PE image (a Windows program or a UEFI application)";
    else if (head_len >= 4 && memcmp(head, "\x7f" "ELF", 4) == 0)
        kind = "an ELF file (a Linux program or kernel)";
    if (kind != NULL) {
        pxb_error_set(err, "it is %s, but BiosFile needs a PXE boot program for BIOS "
                      "(like undionly.kpxe)", kind);
        return -1;
    }
    if (size > PXB_IMAGE_BIOS_MAX) {
        pxb_error_set(err, "it has %llu bytes, but a PXE ROM loads a BIOS boot program at "
                      "0000:7C00 below 640 KiB, so BiosFile can have at most %llu", size,
                      PXB_IMAGE_BIOS_MAX);
        return -1;
    }
    return 0;
}

int pxb_image_check(enum pxb_stage stage, const unsigned char *head, size_t head_len,
                    unsigned long long size, pxb_error *err)
{
    if (size == 0) {
        pxb_error_set(err, "it is empty");
        return -1;
    }
    if (head_len > size)
        head_len = (size_t)size;
    if (head_len > PXB_IMAGE_HEAD_MAX)
        head_len = PXB_IMAGE_HEAD_MAX;
    if (pxb_stage(stage)->http) {
        pxb_error_set(err, "%s is an HTTP boot URL, not a file in the TFTP root",
                      pxb_stage(stage)->setting);
        return -1;
    }
    if (stage == PXB_STAGE_BIOS)
        return check_bios(head, head_len, size, err);
    return check_uefi(stage, head, head_len, err);
}
