/* menu_source.c: the source of the generated menus and its base URL (see menu_source.h). */
#include "menu_source.h"

#include <stdio.h>

#include "net_text.h"
#include "text_out.h"

void pxb_menu_source_init(pxb_menu_source *src, const pxb_boot_plan *plan,
                          const pxb_winpe_catalog *winpe, const pxb_menu_http *http)
{
    char server[PXB_IPV4_TEXT_MAX];

    pxb_ipv4_format(plan->server, server);
    src->plan = plan;
    src->winpe = winpe;
    src->http = http != NULL && http->port != 0;
    if (!src->http) {
        snprintf(src->base, sizeof src->base, "tftp://%s/", server);
        return;
    }
    snprintf(src->base, sizeof src->base, "%s://%s:%u%.200s", http->tls ? "https" : "http",
             server, (unsigned)http->port, http->prefix);
}

const char *pxb_menu_source_protocol(const pxb_menu_source *src)
{
    return src->http ? "HTTP" : "TFTP";
}

size_t pxb_menu_source_describe(const pxb_menu_source *src, char *out, size_t out_len)
{
    const pxb_winpe_catalog *cat = src->winpe;
    pxb_text t;

    pxb_text_init(&t, out, out_len);
    if (cat->count == 0) {
        pxb_text_put(&t, "no WinPE images (pxebridge winpe add)");
        return t.len;
    }
    pxb_text_printf(&t, "%u WinPE image%s over %s from %s:", (unsigned)cat->count,
                    cat->count == 1 ? "" : "s", pxb_menu_source_protocol(src), src->base);
    for (size_t i = 0; i < cat->count; i++) {
        const pxb_winpe_image *img = &cat->images[i];
        pxb_text_printf(&t, "%s %s (%s", i == 0 ? "" : ",", img->name,
                        pxb_winpe_arch_name(img->arch));
        if (img->index != 1)
            pxb_text_printf(&t, ", index %u", img->index);
        pxb_text_put(&t, ")");
    }
    if (!src->http)
        pxb_text_put(&t, "; lock-step TFTP takes minutes for a WIM of hundreds of MB: set "
                         "HttpPort to serve them over HTTP in seconds");
    return t.len;
}
