/* proxy_probe.c: the datagram a described client sends the proxy (see proxy_probe.h),
 * written with the reply writer: a BOOTREQUEST is laid out as a reply is. */
#include "proxy_probe.h"

#include <string.h>

#include "dhcp_writer.h"

/* The header: an Ethernet client, its MAC (zeros when not given), where it is. */
static void probe_header(const pxb_client *c, uint16_t port, pxb_dhcp_header *h)
{
    memset(h, 0, sizeof *h);
    h->op = PXB_DHCP_BOOTREQUEST;
    h->htype = 1;
    h->hlen = sizeof c->mac.b;
    h->xid = 0x70786562u; /* "pxeb" */
    if (c->has_mac)
        memcpy(h->chaddr, c->mac.b, sizeof c->mac.b);
    if (!c->has_address)
        return;
    if (port == PXB_PROXY_PORT_PXE)
        h->ciaddr = c->address;
    else
        h->giaddr = c->address;
}

static int probe_options(const pxb_client *c, uint16_t port, pxb_dhcp_writer *w)
{
    uint8_t type = port == PXB_PROXY_PORT_PXE ? PXB_DHCPREQUEST : PXB_DHCPDISCOVER;
    uint8_t arch[2] = {(uint8_t)(c->arch >> 8), (uint8_t)c->arch};
    char prefix[PXB_VENDOR_PREFIX_MAX];
    const char *vendor = c->vendor_class;

    if (vendor == NULL && c->has_arch) {
        pxb_arch_vendor_prefix(c->arch, prefix);
        vendor = prefix;
    }
    if (pxb_dhcp_write_option(w, PXB_OPT_MESSAGE_TYPE, &type, 1) != 0)
        return -1;
    if (c->has_arch && pxb_dhcp_write_option(w, PXB_OPT_CLIENT_ARCH, arch, sizeof arch) != 0)
        return -1;
    if (vendor != NULL &&
        pxb_dhcp_write_option(w, PXB_OPT_VENDOR_CLASS, vendor, strlen(vendor)) != 0)
        return -1;
    if (c->user_class != NULL &&
        pxb_dhcp_write_option(w, PXB_OPT_USER_CLASS, c->user_class, c->user_class_len) != 0)
        return -1;
    return 0;
}

int pxb_proxy_probe_build(const pxb_client *c, uint16_t port, uint32_t local,
                          pxb_proxy_probe *probe)
{
    pxb_dhcp_header h;
    pxb_dhcp_writer w;

    memset(probe, 0, sizeof *probe);
    probe_header(c, port, &h);
    if (pxb_dhcp_write_start(&w, probe->data, sizeof probe->data, &h) != 0 ||
        probe_options(c, port, &w) != 0)
        return -1;
    probe->req.data = probe->data;
    probe->req.len = pxb_dhcp_write_end(&w);
    probe->req.port = port;
    probe->req.local = local;
    /* a request from a client of no given address comes from the listener's subnet */
    probe->req.source = port != PXB_PROXY_PORT_PXE ? 0 : h.ciaddr != 0 ? h.ciaddr : local;
    probe->req.source_port = PXB_PROXY_PORT_CLIENT;
    return 0;
}
