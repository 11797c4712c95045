/* wimboot.c: tells wimboot from other files (see wimboot.h). The PE layout read: "MZ" and
 * the PE header's offset at 0x3c, "PE\0\0", the COFF header's machine, the optional
 * header's subsystem (10: EFI application) at its offset 68 in both PE32 and PE32+. */
#include "wimboot.h"

#include <string.h>

#include "ascii_case.h"

#define PE_OFFSET_AT 0x3c
#define COFF_SIZE 20
#define SUBSYSTEM_AT 68
#define EFI_APPLICATION 10
#define VERSION_MARK "wimboot v"

static const struct {
    unsigned machine;
    const char *name;
    const char *clients;
} BUILDS[] = {
    {0x8664, PXB_WIMBOOT_X64, "BIOS and x64 UEFI"},
    {0x014c, PXB_WIMBOOT_I386, "BIOS and IA32 UEFI"},
    {0xaa64, PXB_WIMBOOT_ARM64, "ARM64 UEFI"},
};
#define BUILD_COUNT (sizeof BUILDS / sizeof BUILDS[0])

static unsigned read16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static size_t read32(const unsigned char *p)
{
    return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

/* The offset of the optional header, after checking the headers before it; 0 on error. */
static size_t optional_header(const unsigned char *data, size_t len, unsigned *machine,
                              pxb_error *err)
{
    if (len < PE_OFFSET_AT + 4 || data[0] != 'M' || data[1] != 'Z') {
        pxb_error_set(err, "is not a PE image (no MZ header), so it is not wimboot");
        return 0;
    }
    size_t pe = read32(data + PE_OFFSET_AT);
    if (pe > len || len - pe < 4 + COFF_SIZE + SUBSYSTEM_AT + 2 ||
        memcmp(data + pe, "PE\0\0", 4) != 0) {
        pxb_error_set(err, "has an MZ header but no PE header, so it is not wimboot");
        return 0;
    }
    *machine = read16(data + pe + 4);
    return pe + 4 + COFF_SIZE;
}

/* The version after "wimboot v" in data ("2.9.0"): digits and dots. 0, or -1. */
static int find_version(const unsigned char *data, size_t len, char *out, size_t out_len)
{
    size_t mark = strlen(VERSION_MARK);
    for (size_t i = 0; i + mark < len; i++) {
        if (memcmp(data + i, VERSION_MARK, mark) != 0)
            continue;
        size_t n = 0;
        const unsigned char *v = data + i + mark;
        while (i + mark + n < len && n + 1 < out_len && v[n] != 0 && strchr("0123456789.", v[n]))
            n++;
        if (n == 0)
            continue;
        memcpy(out, v, n);
        out[n] = '\0';
        return 0;
    }
    return -1;
}

int pxb_wimboot_check(const unsigned char *data, size_t len, pxb_wimboot_info *out,
                      pxb_error *err)
{
    unsigned machine = 0;
    size_t opt = optional_header(data, len, &machine, err);
    if (opt == 0)
        return -1;
    size_t b = 0;
    while (b < BUILD_COUNT && BUILDS[b].machine != machine)
        b++;
    if (b == BUILD_COUNT)
        return pxb_error_set(err, "is a PE image for machine 0x%04x, not for x64 (0x8664), "
                             "i386 (0x014c) or ARM64 (0xaa64), so it is not wimboot", machine);
    unsigned subsystem = read16(data + opt + SUBSYSTEM_AT);
    if (subsystem != EFI_APPLICATION)
        return pxb_error_set(err, "is a PE image of subsystem %u, not an EFI application (10), "
                             "so it is not wimboot", subsystem);
    if (find_version(data, len, out->version, sizeof out->version) != 0)
        return pxb_error_set(err, "is an EFI application but has no wimboot version string "
                             "('" VERSION_MARK "X.Y.Z'), so it is not wimboot (iPXE itself, "
                             "a shim or another loader?)");
    out->name = BUILDS[b].name;
    out->clients = BUILDS[b].clients;
    return 0;
}

const char *pxb_wimboot_clients(const char *name)
{
    for (size_t b = 0; b < BUILD_COUNT; b++)
        if (pxb_ascii_same(name, BUILDS[b].name))
            return BUILDS[b].clients;
    return NULL;
}
