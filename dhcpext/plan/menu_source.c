/* menu_source.c: the source of the generated menus and its base URL (see menu_source.h). */
#include "menu_source.h"

#include <stdio.h>

#include "net_text.h"

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
