/* menu_source.h: what the generated menus (boot.ipxe from boot_script.h, GRUB's grub.cfg
 * from grub_menu.h) are made from: the boot plan, the WinPE images of the TFTP root's
 * catalog (winpe_catalog.h) and the base URL iPXE fetches wimboot and the images' files
 * from: http(s)://<BootServer>:<HttpPort><HttpUrlPrefix> when the service's HTTP server is
 * on, else tftp://<BootServer>/. The runtime fills one per plan and catalog it serves. */
#ifndef PXB_MENU_SOURCE_H
#define PXB_MENU_SOURCE_H

#include <stdint.h>

#include "boot_plan.h"
#include "winpe_catalog.h"

/* How the service serves files over HTTP: its HttpPort (0: no HTTP server), HttpTls and
 * HttpUrlPrefix ("/pxb/": starts and ends with '/'). */
typedef struct pxb_menu_http {
    uint16_t port;
    int tls;
    const char *prefix;
} pxb_menu_http;

typedef struct pxb_menu_source {
    const pxb_boot_plan *plan;
    const pxb_winpe_catalog *winpe;  /* never NULL; no images: no WinPE entries */
    int http;                        /* base is the HTTP server's (else TFTP's) */
    char base[PXB_PLAN_VALUE_MAX];   /* ends with '/': "http://10.0.0.5:8080/pxb/" */
} pxb_menu_source;

/* Fills src for plan and winpe (both must outlive it); http NULL or its port 0: TFTP. */
void pxb_menu_source_init(pxb_menu_source *src, const pxb_boot_plan *plan,
                          const pxb_winpe_catalog *winpe, const pxb_menu_http *http);
/* The protocol the WinPE files travel by: "HTTP" or "TFTP". */
const char *pxb_menu_source_protocol(const pxb_menu_source *src);
/* Writes what the menus offer of WinPE, for the log and explain: "2 WinPE images over HTTP
 * from http://10.0.0.5:8080/pxb/: pe64 (x64), pe-arm (arm64, index 2)", over TFTP with
 * what that costs; "no WinPE images" when the catalog has none. Returns the length the
 * whole text needs (NUL excluded); it is complete when that is below out_len. */
size_t pxb_menu_source_describe(const pxb_menu_source *src, char *out, size_t out_len);

#endif
