/* first_stage.h: which UEFI first stage a plan's image is, told from its name: iPXE (Debian's
 * builds, unsigned: Secure Boot firmware refuses them), the bundled signed chain (Debian's
 * Microsoft-signed shim in secureboot/, which loads the Debian-signed GRUB beside it and
 * GRUB's menu from the service), or the admin's signed iPXE (iPXE's own Microsoft-signed
 * shim, named like snponly-shim.efi, which loads the iPXE named without "-shim" from its
 * folder; `pxebridge firmware import` puts it in place). DHCP cannot tell whether a client
 * has Secure Boot on, so the signed choices are for machines with it on or off alike. */
#ifndef PXB_FIRST_STAGE_H
#define PXB_FIRST_STAGE_H

enum pxb_first_stage {
    PXB_FIRST_IPXE,          /* iPXE, or any other program */
    PXB_FIRST_SIGNED_CHAIN,  /* secureboot/shimx64.efi or shimaa64.efi: shim -> GRUB ->
                                grub/grub.cfg */
    PXB_FIRST_SIGNED_IPXE    /* *-shim.efi: iPXE's shim -> signed iPXE -> the iPXE rule */
};

/* The bundled signed chain's first stage for x64 and for ARM64 UEFI, relative to the TFTP
 * root: each shim loads the GRUB of its CPU (grubx64.efi, grubaa64.efi) beside it. */
#define PXB_SIGNED_CHAIN_X64 "secureboot/shimx64.efi"
#define PXB_SIGNED_CHAIN_ARM64 "secureboot/shimaa64.efi"
/* The name ending of iPXE's signed shims (ipxe-shim.efi, snponly-shim.efi). */
#define PXB_IPXE_SHIM_SUFFIX "-shim.efi"

/* The first stage an image name (with '/' or '\\') is, ignoring ASCII case. */
enum pxb_first_stage pxb_first_stage_of(const char *file);

/* For a rule's summary and explain: "" for iPXE, else what the choice boots, like "the
 * signed chain: shim, GRUB and its generated menu; boots with Secure Boot on or off". */
const char *pxb_first_stage_note(enum pxb_first_stage kind);

#endif
