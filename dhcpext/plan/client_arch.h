/* client_arch.h: DHCP client system architectures (option 93, RFC 4578 and the IANA
 * registry) and the PXE / UEFI HTTP boot vendor class (option 60) that carries the same
 * number: names for people, the "PXEClient:Arch:00007" prefixes DHCP servers match on, and
 * a parser for what a client sent ("PXEClient:Arch:00007:UNDI:003016"). */
#ifndef PXB_CLIENT_ARCH_H
#define PXB_CLIENT_ARCH_H

#include <stddef.h>

enum pxb_arch {
    PXB_ARCH_BIOS = 0,
    PXB_ARCH_UEFI_IA32 = 6,
    PXB_ARCH_UEFI_X64 = 7,
    PXB_ARCH_UEFI_X64_OLD = 9,
    PXB_ARCH_UEFI_ARM64 = 11,
    PXB_ARCH_HTTP_IA32 = 15,
    PXB_ARCH_HTTP_X64 = 16,
    PXB_ARCH_HTTP_ARM64 = 19
};

/* Option 93 is 16 bits; the vendor class writes it as five decimal digits. */
#define PXB_ARCH_MAX 65535u

#define PXB_VENDOR_PXE "PXEClient"
#define PXB_VENDOR_HTTP "HTTPClient"
/* "HTTPClient:Arch:65535" plus NUL. */
#define PXB_VENDOR_PREFIX_MAX 22

/* "x64 UEFI", "ARM64 UEFI HTTP"; NULL for numbers the registry does not name. */
const char *pxb_arch_name(unsigned arch);
/* The name, or "unassigned" for numbers the registry does not name. */
const char *pxb_arch_label(unsigned arch);
/* True for the UEFI and BIOS HTTP boot numbers (15, 16, 19, 20, ...). */
int pxb_arch_is_http(unsigned arch);

/* "PXEClient:Arch:00007", or "HTTPClient:Arch:00016" for an HTTP boot number: what the
 * client's option 60 begins with. */
void pxb_arch_vendor_prefix(unsigned arch, char out[PXB_VENDOR_PREFIX_MAX]);

enum pxb_vendor_kind {
    PXB_VENDOR_NONE,   /* no option 60 */
    PXB_VENDOR_PXE_CLIENT,  /* begins with "PXEClient" */
    PXB_VENDOR_HTTP_CLIENT, /* begins with "HTTPClient" */
    PXB_VENDOR_OTHER   /* anything else ("MSFT 5.0", "android-dhcp-13") */
};

typedef struct pxb_vendor_class {
    enum pxb_vendor_kind kind;
    int has_arch;       /* ":Arch:" followed by five decimal digits */
    unsigned arch;
    int has_undi;       /* ":UNDI:" followed by six decimal digits */
    unsigned undi_major, undi_minor;
} pxb_vendor_class;

/* Describes option 60 as sent (text may be NULL for "not sent"). Never fails: a PXE vendor
 * class with a malformed tail is reported as a PXE client without an architecture. */
void pxb_vendor_class_parse(const char *text, pxb_vendor_class *out);

#endif
