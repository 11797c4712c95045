/* explain_menu.c: the WinPE entries of the menu an iPXE client gets (see explain_menu.h). */
#include "explain_menu.h"

#include <string.h>

#include "console.h"
#include "firmware_settings.h"
#include "winpe_entry.h"
#include "winpe_watch.h"

static pxb_config stored;

void cli_menu_view_make(const pxb_boot_plan *plan, const pxb_client *c,
                        const pxb_explanation *e, cli_menu_view *out)
{
    pxb_fs_stamp stamp;
    memset(out, 0, sizeof *out);
    out->shown = e->matched && e->rule.kind == PXB_RULE_IPXE;
    if (!out->shown)
        return;
    if (cli_stored_config(&stored, &out->why) != 0) {
        pxb_error_prefix(&out->why, "the stored settings (TftpRoot, HttpPort): ");
        memset(&stored, 0, sizeof stored);
    } else if (pxb_winpe_watch_read(stored.tftp_root, &out->winpe, &stamp, &out->why) != 0) {
        pxb_error_prefix(&out->why, PXB_WINPE_CATALOG ": ");
    }
    pxb_menu_http http = {stored.http_port, (int)stored.http_tls, stored.http_prefix};
    pxb_menu_source_init(&out->src, plan, &out->winpe, &http);
    for (size_t i = 0; i < out->winpe.count; i++) {
        const pxb_winpe_image *img = &out->winpe.images[i];
        if (pxb_winpe_entry_ok(img) && (!c->has_arch || pxb_winpe_entry_for_arch(img, c->arch)))
            out->offered[out->count++] = i;
    }
}

/* The image's entry for people: "pe64 (x64, index 2), the default". */
static void put_entry(const cli_menu_view *v, const pxb_winpe_image *img)
{
    cli_printf(CLI_STDOUT, "          WinPE %s (%s", img->name, pxb_winpe_arch_name(img->arch));
    if (img->index != 1)
        cli_printf(CLI_STDOUT, ", index %u", img->index);
    cli_printf(CLI_STDOUT, ")%s\n", img == pxb_winpe_entry_target(&v->src) ? ", the default"
                                                                           : "");
}

void cli_menu_view_text(const cli_menu_view *v)
{
    if (!v->shown || (v->winpe.count == 0 && pxb_plan_winpe_target(v->src.plan) == NULL))
        return; /* no WinPE in the menu: nothing to say (JSON says why, if anything failed) */
    if (v->why.text[0] != '\0')
        cli_printf(CLI_STDOUT, "Menu:     unknown: %s\n", v->why.text);
    if (v->count == 0) {
        cli_printf(CLI_STDOUT, "Menu:     no WinPE image for this client%s\n",
                   v->winpe.count == 0 ? " (the catalog has none: pxebridge winpe add)" : "");
        return;
    }
    cli_printf(CLI_STDOUT, "Menu:     through wimboot over %s from %s%s:\n",
               pxb_menu_source_protocol(&v->src), v->src.base,
               v->src.http ? "" : " (lock-step TFTP: minutes for a WIM of hundreds of MB; "
                                  "set HttpPort for HTTP)");
    for (size_t i = 0; i < v->count; i++)
        put_entry(v, &v->winpe.images[v->offered[i]]);
}

void cli_menu_view_json(pxb_json *j, const cli_menu_view *v)
{
    pxb_json_key(j, "menu");
    if (!v->shown) {
        pxb_json_null(j);
        return;
    }
    const pxb_winpe_image *target = pxb_winpe_entry_target(&v->src);
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "protocol", pxb_menu_source_protocol(&v->src));
    pxb_json_field_string(j, "base", v->src.base);
    pxb_json_field_string(j, "default", target != NULL ? target->name : NULL);
    pxb_json_key(j, "winpe");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < v->count; i++) {
        const pxb_winpe_image *img = &v->winpe.images[v->offered[i]];
        pxb_json_begin_object(j);
        pxb_json_field_string(j, "name", img->name);
        pxb_json_field_string(j, "arch", pxb_winpe_arch_name(img->arch));
        pxb_json_field_int(j, "index", img->index);
        pxb_json_end_object(j);
    }
    pxb_json_end_array(j);
    pxb_json_field_string(j, "error", v->why.text[0] ? v->why.text : NULL);
    pxb_json_end_object(j);
}
