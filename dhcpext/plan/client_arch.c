/* client_arch.c: architecture numbers, their names and the PXE / HTTP boot vendor class
 * (see client_arch.h). The names follow the IANA "Processor Architecture Types" registry;
 * 7 and 9 are both x64 UEFI in practice (RFC 4578 erratum 4017). */
#include "client_arch.h"

#include <stdio.h>
#include <string.h>

typedef struct arch_entry {
    unsigned number;
    const char *name;
    int http;
} arch_entry;

static const arch_entry ARCHES[] = {
    {0, "x86 BIOS", 0},
    {1, "NEC PC98", 0},
    {2, "Itanium", 0},
    {3, "DEC Alpha", 0},
    {4, "Arc x86", 0},
    {5, "Intel Lean Client", 0},
    {6, "IA32 UEFI", 0},
    {7, "x64 UEFI", 0},
    {8, "Xscale UEFI", 0},
    {9, "x64 UEFI (old firmware)", 0},
    {10, "ARM32 UEFI", 0},
    {11, "ARM64 UEFI", 0},
    {12, "PowerPC Open Firmware", 0},
    {13, "PowerPC ePAPR", 0},
    {14, "POWER OPAL v3", 0},
    {15, "IA32 UEFI HTTP", 1},
    {16, "x64 UEFI HTTP", 1},
    {17, "EBC UEFI HTTP", 1},
    {18, "ARM32 UEFI HTTP", 1},
    {19, "ARM64 UEFI HTTP", 1},
    {20, "x86 BIOS HTTP", 1},
    {21, "ARM32 U-Boot", 0},
    {22, "ARM64 U-Boot", 0},
    {23, "ARM32 U-Boot HTTP", 1},
    {24, "ARM64 U-Boot HTTP", 1},
    {25, "RISC-V 32 UEFI", 0},
    {26, "RISC-V 32 UEFI HTTP", 1},
    {27, "RISC-V 64 UEFI", 0},
    {28, "RISC-V 64 UEFI HTTP", 1},
    {29, "RISC-V 128 UEFI", 0},
    {30, "RISC-V 128 UEFI HTTP", 1},
};

static const arch_entry *find_arch(unsigned arch)
{
    for (size_t i = 0; i < sizeof ARCHES / sizeof ARCHES[0]; i++)
        if (ARCHES[i].number == arch)
            return &ARCHES[i];
    return NULL;
}

const char *pxb_arch_name(unsigned arch)
{
    const arch_entry *e = find_arch(arch);
    return e ? e->name : NULL;
}

const char *pxb_arch_label(unsigned arch)
{
    const char *name = pxb_arch_name(arch);
    return name ? name : "unassigned";
}

int pxb_arch_is_http(unsigned arch)
{
    const arch_entry *e = find_arch(arch);
    return e != NULL && e->http;
}

void pxb_arch_vendor_prefix(unsigned arch, char out[PXB_VENDOR_PREFIX_MAX])
{
    snprintf(out, PXB_VENDOR_PREFIX_MAX, "%s:Arch:%05u",
             pxb_arch_is_http(arch) ? PXB_VENDOR_HTTP : PXB_VENDOR_PXE, arch % 100000u);
}

/* Reads exactly `digits` decimal digits at s after the literal tag (":Arch:", ":UNDI:").
 * Returns a pointer past them, or NULL if s does not continue that way. */
static const char *read_field(const char *s, const char *tag, size_t digits, unsigned *out)
{
    size_t tag_len = strlen(tag);
    unsigned v = 0;

    if (strncmp(s, tag, tag_len) != 0)
        return NULL;
    s += tag_len;
    for (size_t i = 0; i < digits; i++) {
        if (s[i] < '0' || s[i] > '9')
            return NULL;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return s + digits;
}

void pxb_vendor_class_parse(const char *text, pxb_vendor_class *out)
{
    const char *rest;
    unsigned undi;

    memset(out, 0, sizeof *out);
    if (text == NULL) {
        out->kind = PXB_VENDOR_NONE;
        return;
    }
    if (strncmp(text, PXB_VENDOR_PXE, strlen(PXB_VENDOR_PXE)) == 0) {
        out->kind = PXB_VENDOR_PXE_CLIENT;
        rest = text + strlen(PXB_VENDOR_PXE);
    } else if (strncmp(text, PXB_VENDOR_HTTP, strlen(PXB_VENDOR_HTTP)) == 0) {
        out->kind = PXB_VENDOR_HTTP_CLIENT;
        rest = text + strlen(PXB_VENDOR_HTTP);
    } else {
        out->kind = PXB_VENDOR_OTHER;
        return;
    }
    rest = read_field(rest, ":Arch:", 5, &out->arch);
    if (rest == NULL || out->arch > PXB_ARCH_MAX)
        return;
    out->has_arch = 1;
    rest = read_field(rest, ":UNDI:", 6, &undi);
    if (rest == NULL)
        return;
    out->has_undi = 1;
    out->undi_major = undi / 1000;
    out->undi_minor = undi % 1000;
}
