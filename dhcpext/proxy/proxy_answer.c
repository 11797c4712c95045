/* proxy_answer.c: the proxyDHCP decision (see proxy_answer.h): read the datagram, check
 * that this port and mode answer it and that it is a PXE client's, ask pxb_explain what
 * the plan gives this client, and write the DHCPOFFER or DHCPACK (PXE 2.1, RFC 2131,
 * RFC 2132, RFC 4578). */
#include "proxy_answer.h"

#include <string.h>

#include "dhcp_packet.h"
#include "dhcp_writer.h"
#include "explain.h"

/* PXE 2.1's boot server discovery: option 43 sub-option 71 (PXE_BOOT_ITEM), a 2-byte boot
 * server type and a 2-byte layer. */
#define PXE_BOOT_ITEM 71
#define PXE_BOOT_ITEM_LEN 4
/* RFC 4578 2.2: option 97 is a type (0: GUID) and 16 bytes. */
#define UUID_OPTION_LEN 17
#define BROADCAST 0xFFFFFFFFu

static const char *const VERDICT_NAMES[PXB_PROXY_VERDICTS] = {
    "offered", "acked", "malformed", "not_pxe", "not_for_port", "excluded", "out_of_scope",
    "no_rule", "flooded"};

const char *pxb_proxy_verdict_name(enum pxb_proxy_verdict v)
{
    if ((unsigned)v >= PXB_PROXY_VERDICTS)
        return "unknown";
    return VERDICT_NAMES[v];
}

/* ProxyDhcp=on listens on 67 and 4011, =4011 on 4011 only, =off nowhere. */
static int mode_listens(int mode, uint16_t port)
{
    if (port == PXB_PROXY_PORT_PXE)
        return mode == PXB_PROXY_ON || mode == PXB_PROXY_4011;
    if (port == PXB_PROXY_PORT_DHCP)
        return mode == PXB_PROXY_ON;
    return 0;
}

/* A DHCPDISCOVER on 67 gets an offer; a DHCPREQUEST or DHCPINFORM on 4011 an ack. */
static int port_answers(uint16_t port, unsigned type)
{
    if (port == PXB_PROXY_PORT_DHCP)
        return type == PXB_DHCPDISCOVER;
    return type == PXB_DHCPREQUEST || type == PXB_DHCPINFORM;
}

/* A request as RFC 2131 2 has it: BOOTREQUEST, a hardware address chaddr can hold, and
 * an option 97 (when sent) of RFC 4578 2.2's form, which the reply must echo. */
static int is_well_formed(const pxb_dhcp_packet *p)
{
    const pxb_dhcp_option *uuid = pxb_dhcp_packet_option(p, PXB_OPT_CLIENT_UUID);
    const pxb_dhcp_option *type = pxb_dhcp_packet_option(p, PXB_OPT_MESSAGE_TYPE);

    if (p->header.op != PXB_DHCP_BOOTREQUEST || p->header.hlen > PXB_DHCP_CHADDR_LEN)
        return 0;
    if (type != NULL && type->len != 1)
        return 0;
    return uuid == NULL || (uuid->len == UUID_OPTION_LEN && uuid->data[0] == 0);
}

static int is_ipxe(const pxb_dhcp_option *user_class)
{
    size_t len = strlen(PXB_IPXE_USER_CLASS);

    return user_class != NULL && user_class->len == len &&
           memcmp(user_class->data, PXB_IPXE_USER_CLASS, len) == 0;
}

static void read_client(const pxb_dhcp_packet *p, pxb_proxy_client *c)
{
    const pxb_dhcp_option *type = pxb_dhcp_packet_option(p, PXB_OPT_MESSAGE_TYPE);
    const pxb_dhcp_option *arch = pxb_dhcp_packet_option(p, PXB_OPT_CLIENT_ARCH);

    if (p->header.htype == 1 && p->header.hlen == sizeof c->mac.b) {
        c->has_mac = 1;
        memcpy(c->mac.b, p->header.chaddr, sizeof c->mac.b);
    }
    if (type != NULL)
        c->message_type = type->data[0];
    /* RFC 4578 2.1: a list of 16-bit numbers; the first is the one the plan goes by. */
    if (arch != NULL && arch->len >= 2) {
        c->has_arch = 1;
        c->arch = (unsigned)arch->data[0] << 8 | arch->data[1];
    }
    c->ipxe = is_ipxe(pxb_dhcp_packet_option(p, PXB_OPT_USER_CLASS));
}

/* Option 60 as text (cut at a NUL byte inside it); "" when it was not sent. */
static void read_vendor(const pxb_dhcp_packet *p, char out[256])
{
    const pxb_dhcp_option *o = pxb_dhcp_packet_option(p, PXB_OPT_VENDOR_CLASS);

    out[0] = '\0';
    if (o == NULL)
        return;
    memcpy(out, o->data, o->len);
    out[o->len] = '\0';
}

/* Where the client is: its relay's subnet, else for a 4011 request its own address, else
 * the subnet of the address the broadcast came in on. */
static uint32_t client_address(const pxb_dhcp_packet *p, const pxb_proxy_request *req)
{
    if (p->header.giaddr != 0)
        return p->header.giaddr;
    if (req->port != PXB_PROXY_PORT_PXE)
        return req->local;
    return p->header.ciaddr != 0 ? p->header.ciaddr : req->source;
}

/* The client as explain describes it, from what the datagram carries. */
static void describe(const pxb_dhcp_packet *p, const pxb_proxy_request *req,
                     const pxb_proxy_client *c, const char *vendor, pxb_client *out)
{
    const pxb_dhcp_option *user_class = pxb_dhcp_packet_option(p, PXB_OPT_USER_CLASS);

    memset(out, 0, sizeof *out);
    out->has_arch = c->has_arch;
    out->arch = c->arch;
    out->vendor_class = vendor;
    if (user_class != NULL) {
        out->user_class = user_class->data;
        out->user_class_len = user_class->len;
    }
    out->has_mac = c->has_mac;
    out->mac = c->mac;
    out->has_address = 1;
    out->address = client_address(p, req);
}

/* The explanation's verdict; PXB_PROXY_OFFERED stands for "answer it". */
static enum pxb_proxy_verdict judge(const pxb_explanation *e)
{
    if (e->out_of_scope)
        return PXB_PROXY_OUT_OF_SCOPE;
    if (e->matched && e->rule.kind == PXB_RULE_EXCLUDE)
        return PXB_PROXY_EXCLUDED;
    if (!e->matched || e->boot_file[0] == '\0')
        return PXB_PROXY_NO_RULE;
    return PXB_PROXY_OFFERED;
}

/* The reply's header: the request's identity copied, no address offered (yiaddr 0), the
 * boot server in siaddr and the boot file in the file field when it fits with its NUL. */
static void reply_header(const pxb_dhcp_packet *p, const pxb_proxy_request *req,
                         const pxb_explanation *e, pxb_dhcp_header *h)
{
    size_t file_len = strlen(e->boot_file);

    memset(h, 0, sizeof *h);
    h->op = PXB_DHCP_BOOTREPLY;
    h->htype = p->header.htype;
    h->hlen = p->header.hlen;
    h->xid = p->header.xid;
    h->flags = p->header.flags;
    h->giaddr = p->header.giaddr;
    memcpy(h->chaddr, p->header.chaddr, sizeof h->chaddr);
    if (req->port == PXB_PROXY_PORT_PXE)
        h->ciaddr = p->header.ciaddr;
    h->siaddr = e->next_server;
    if (file_len < PXB_DHCP_FILE_LEN)
        memcpy(h->file, e->boot_file, file_len);
}

/* A 4011 request naming a boot item (PXE 2.1 boot server discovery) gets it back in a 43
 * of the ack; any other request no 43 at all: in an offer, 43 would make iPXE ask on port
 * 67 instead of 4011. */
static int write_boot_item(pxb_dhcp_writer *w, const pxb_dhcp_packet *p)
{
    const pxb_dhcp_option *vendor = pxb_dhcp_packet_option(p, PXB_OPT_VENDOR);
    pxb_dhcp_option item;
    uint8_t out[2 + PXE_BOOT_ITEM_LEN + 1];

    if (vendor == NULL || pxb_dhcp_suboption(vendor, PXE_BOOT_ITEM, &item) != 0 ||
        item.len != PXE_BOOT_ITEM_LEN)
        return 0;
    out[0] = PXE_BOOT_ITEM;
    out[1] = PXE_BOOT_ITEM_LEN;
    memcpy(out + 2, item.data, PXE_BOOT_ITEM_LEN);
    out[2 + PXE_BOOT_ITEM_LEN] = PXB_OPT_END;
    return pxb_dhcp_write_option(w, PXB_OPT_VENDOR, out, sizeof out);
}

/* 53, 54, 60 and 67 (the boot file always in 67 too: EDK2, iPXE and HTTP boot clients
 * read it there first, and a URL longer than the file field goes only there), 97 echoed,
 * and on 4011 the boot item. */
static int write_options(pxb_dhcp_writer *w, const pxb_dhcp_packet *p,
                         const pxb_proxy_request *req, const pxb_proxy_reply *r)
{
    uint8_t type = req->port == PXB_PROXY_PORT_DHCP ? PXB_DHCPOFFER : PXB_DHCPACK;
    const pxb_dhcp_option *uuid = pxb_dhcp_packet_option(p, PXB_OPT_CLIENT_UUID);

    if (pxb_dhcp_write_option(w, PXB_OPT_MESSAGE_TYPE, &type, 1) != 0 ||
        pxb_dhcp_write_address(w, PXB_OPT_SERVER_ID, req->local) != 0 ||
        pxb_dhcp_write_option(w, PXB_OPT_VENDOR_CLASS, r->vendor, strlen(r->vendor)) != 0 ||
        pxb_dhcp_write_option(w, PXB_OPT_BOOT_FILE, r->boot_file, strlen(r->boot_file)) != 0)
        return -1;
    if (uuid != NULL && pxb_dhcp_write_option(w, PXB_OPT_CLIENT_UUID, uuid->data, uuid->len) != 0)
        return -1;
    if (req->port == PXB_PROXY_PORT_PXE && write_boot_item(w, p) != 0)
        return -1;
    return 0;
}

/* Where the reply goes: an unrelayed offer broadcast to the client port, a relayed one to
 * the relay's server port (RFC 2131 4.1), a 4011 ack back to its sender. */
static void address_reply(const pxb_dhcp_packet *p, const pxb_proxy_request *req,
                          pxb_proxy_reply *r)
{
    if (req->port == PXB_PROXY_PORT_PXE) {
        r->to = req->source != 0 ? req->source : BROADCAST;
        r->to_port = req->source_port;
        return;
    }
    r->to = p->header.giaddr != 0 ? p->header.giaddr : BROADCAST;
    r->to_port = p->header.giaddr != 0 ? PXB_PROXY_PORT_DHCP : PXB_PROXY_PORT_CLIENT;
}

static int build_reply(const pxb_dhcp_packet *p, const pxb_proxy_request *req,
                       const pxb_explanation *e, pxb_proxy_reply *r)
{
    pxb_dhcp_header h;
    pxb_dhcp_writer w;

    memset(r, 0, sizeof *r);
    r->next_server = e->next_server;
    memcpy(r->boot_file, e->boot_file, sizeof r->boot_file);
    r->boot_file[sizeof r->boot_file - 1] = '\0';
    r->vendor = e->http_client ? PXB_HTTP_CLIENT_ID : PXB_VENDOR_PXE;
    reply_header(p, req, e, &h);
    if (pxb_dhcp_write_start(&w, r->data, sizeof r->data, &h) != 0 ||
        write_options(&w, p, req, r) != 0)
        return -1;
    r->len = pxb_dhcp_write_end(&w);
    address_reply(p, req, r);
    return 0;
}

enum pxb_proxy_verdict pxb_proxy_answer(const pxb_boot_plan *plan,
                                        const pxb_proxy_request *req,
                                        pxb_proxy_client *client, pxb_proxy_reply *reply)
{
    pxb_dhcp_packet p;
    pxb_vendor_class vc;
    pxb_client who;
    pxb_explanation e;
    enum pxb_proxy_verdict verdict;
    char vendor[256];

    memset(client, 0, sizeof *client);
    if (!mode_listens(plan->proxy_dhcp, req->port))
        return PXB_PROXY_NOT_FOR_PORT;
    if (pxb_dhcp_packet_read(req->data, req->len, &p, NULL) != 0 || !is_well_formed(&p))
        return PXB_PROXY_MALFORMED;
    read_client(&p, client);
    if (!port_answers(req->port, client->message_type))
        return PXB_PROXY_NOT_FOR_PORT;
    read_vendor(&p, vendor);
    pxb_vendor_class_parse(vendor, &vc);
    if (vc.kind != PXB_VENDOR_PXE_CLIENT && vc.kind != PXB_VENDOR_HTTP_CLIENT)
        return PXB_PROXY_NOT_PXE;
    describe(&p, req, client, vendor, &who);
    pxb_explain(plan, &who, &e);
    verdict = judge(&e);
    if (verdict != PXB_PROXY_OFFERED)
        return verdict;
    /* Every option has its bound (RFC 4578's 97 checked above): the reply always fits. */
    if (build_reply(&p, req, &e, reply) != 0)
        return PXB_PROXY_MALFORMED;
    return req->port == PXB_PROXY_PORT_DHCP ? PXB_PROXY_OFFERED : PXB_PROXY_ACKED;
}
