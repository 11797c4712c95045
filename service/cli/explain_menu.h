/* explain_menu.h: what the generated boot.ipxe offers the client `explain` describes when
 * that client is iPXE: the WinPE images of the TFTP root's catalog for its architecture
 * (option 93; every image when it sent none), BootTarget=winpe:NAME's default, and the
 * protocol and base URL their files travel by (the stored HttpPort, HttpTls,
 * HttpUrlPrefix), from the same menu source the service makes the script from. */
#ifndef PXB_CLI_EXPLAIN_MENU_H
#define PXB_CLI_EXPLAIN_MENU_H

#include "explain.h"
#include "json_writer.h"
#include "menu_source.h"

typedef struct cli_menu_view {
    int shown;                     /* the client gets the boot script (the iPXE rule) */
    pxb_error why;                 /* the settings or the catalog could not be read */
    pxb_winpe_catalog winpe;
    pxb_menu_source src;
    size_t offered[PXB_WINPE_IMAGES_MAX]; /* indexes of the images for this client */
    size_t count;
} cli_menu_view;

/* Fills out for the client c the explanation e is of (plan must outlive out). */
void cli_menu_view_make(const pxb_boot_plan *plan, const pxb_client *c,
                        const pxb_explanation *e, cli_menu_view *out);
/* "Menu:" lines; nothing for a client that gets no boot script, or when the catalog has
 * no image and BootTarget names none. */
void cli_menu_view_text(const cli_menu_view *v);
/* "menu": null for such a client, else {"protocol", "base", "default", "winpe": [...],
 * "error"}. */
void cli_menu_view_json(pxb_json *j, const cli_menu_view *v);

#endif
