/* net_win32.c: non-blocking UDP sockets over Winsock 2 (net.h). IPv6 sockets are IPv6-only;
 * every socket owns its port exclusively (SO_EXCLUSIVEADDRUSE, never SO_REUSEADDR), so no
 * other program can bind over the TFTP port and take half of the requests; ICMP port
 * unreachable reports are switched off (SIO_UDP_CONNRESET), since on Windows they would
 * otherwise fail the next receive on a listening socket; buffers are enlarged for windowed
 * transfers and boot storms; sockets on a wildcard address read each datagram's local
 * address with WSARecvMsg and IP_PKTINFO / IPV6_PKTINFO; a DHCP server's broadcast socket
 * gets SO_BROADCAST before its bind. In an event loop, a socket's
 * datagrams come through the overlapped receive the loop posts into its inbox
 * (net_win32.h): the first datagram of a wake-up costs the loop one post and one
 * completion instead of a zero-byte peek, its completion and a read. */
#include "net.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

#include "net_win32.h"
#include "port_range.h"
#include "sockaddr_conv.h"
#include "win_text.h"

#define SOCKET_BUFFER_BYTES (4 * 1024 * 1024)

struct pxb_udp {
    SOCKET s;
    pxb_addr local;
    void *loop_entry;         /* evloop_iocp.c's registration, NULL outside a loop */
    LPFN_WSARECVMSG recv_msg; /* on a wildcard address with packet information, else NULL */
    pxb_udp_inbox *inbox;     /* where posted receives go while in a loop, else NULL */
};

int pxb_net_init(void)
{
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) == 0 ? 0 : -1;
}

void pxb_net_cleanup(void)
{
    WSACleanup();
}

static int to_sockaddr(const pxb_addr *a, struct sockaddr_storage *ss)
{
    return (int)pxb_sockaddr_from_addr(a, ss);
}

/* The last Winsock error's code, its wording in reason. */
static unsigned long last_wsa_error(char *reason, size_t reason_size)
{
    unsigned long code = (unsigned long)WSAGetLastError();
    pxb_describe_error(code, reason, reason_size);
    return code;
}

/* Sets err to "what: <the last Winsock error>", with its code; returns -1. */
static int fail_wsa(const char *what, pxb_error *err)
{
    char reason[256];
    unsigned long code = last_wsa_error(reason, sizeof reason);
    return pxb_error_set_code(err, code, "%s: %s", what, reason);
}

static int set_int_option(SOCKET s, int level, int option, int value)
{
    return setsockopt(s, level, option, (const char *)&value, (int)sizeof value);
}

/* Sets the options every socket gets before it is bound; 0, or -1 with a reason in err. */
static int configure(SOCKET s, int domain, pxb_error *err)
{
    u_long nonblocking = 1;
    BOOL no_reports = FALSE;
    DWORD unused;
    if (domain == AF_INET6 && set_int_option(s, IPPROTO_IPV6, IPV6_V6ONLY, 1) != 0) {
        fail_wsa("cannot make the socket IPv6-only", err);
        return -1;
    }
    if (set_int_option(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1) != 0) {
        fail_wsa("cannot reserve the socket's port exclusively", err);
        return -1;
    }
    if (WSAIoctl(s, SIO_UDP_CONNRESET, &no_reports, sizeof no_reports, NULL, 0, &unused, NULL,
                 NULL) != 0) {
        fail_wsa("cannot turn off port-unreachable reports", err);
        return -1;
    }
    if (ioctlsocket(s, FIONBIO, &nonblocking) != 0) {
        fail_wsa("cannot make the socket non-blocking", err);
        return -1;
    }
    /* Larger buffers are an optimisation: the defaults still work, so failures are ignored. */
    set_int_option(s, SOL_SOCKET, SO_RCVBUF, SOCKET_BUFFER_BYTES);
    set_int_option(s, SOL_SOCKET, SO_SNDBUF, SOCKET_BUFFER_BYTES);
    return 0;
}

/* SO_BROADCAST; 0, or -1 with a reason in err. */
static int allow_broadcast(SOCKET s, pxb_error *err)
{
    if (set_int_option(s, SOL_SOCKET, SO_BROADCAST, 1) != 0)
        return fail_wsa("cannot allow broadcasts", err);
    return 0;
}

/* port_range.h's attempt: binds the socket *ctx to addr. */
static int bind_to(void *ctx, const pxb_addr *addr)
{
    struct sockaddr_storage ss;
    int len = to_sockaddr(addr, &ss);
    if (bind(*(SOCKET *)ctx, (struct sockaddr *)&ss, len) == 0)
        return PXB_PORT_BOUND;
    int code = WSAGetLastError();
    /* In use, or reserved exclusively by another program: try the next port. */
    return code == WSAEADDRINUSE || code == WSAEACCES ? PXB_PORT_IN_USE : PXB_PORT_ERROR;
}

/* On a wildcard address, asks for each datagram's local address (pxb_udp_recv's to):
 * packet information, read with WSARecvMsg. Without it the socket's own address stands in,
 * so a failure is no error. */
static void ask_arrival_address(pxb_udp *sock, int domain)
{
    GUID id = WSAID_WSARECVMSG;
    LPFN_WSARECVMSG fn = NULL;
    DWORD got;
    if (!pxb_addr_is_any(&sock->local))
        return;
    if (domain == AF_INET ? set_int_option(sock->s, IPPROTO_IP, IP_PKTINFO, 1) != 0
                          : set_int_option(sock->s, IPPROTO_IPV6, IPV6_PKTINFO, 1) != 0)
        return;
    if (WSAIoctl(sock->s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &fn, sizeof fn,
                 &got, NULL, NULL) == 0)
        sock->recv_msg = fn;
}

/* Opens a socket on local (see pxb_udp_open); with broadcast, SO_BROADCAST is set before
 * the bind: Windows then delivers the broadcasts arriving on the interface of the address
 * bound (and wine emulates that only when the option comes first). */
static pxb_udp *open_socket(const pxb_addr *local, uint16_t port_min, uint16_t port_max,
                            int broadcast, pxb_error *err)
{
    if (local->family != PXB_AF_INET4 && local->family != PXB_AF_INET6) {
        pxb_error_set(err, "no address family to bind to");
        return NULL;
    }
    pxb_udp *sock = calloc(1, sizeof *sock);
    if (sock == NULL) {
        pxb_error_set(err, "out of memory");
        return NULL;
    }
    int domain = local->family == PXB_AF_INET4 ? AF_INET : AF_INET6;
    sock->s = socket(domain, SOCK_DGRAM, IPPROTO_UDP);
    if (sock->s == INVALID_SOCKET) {
        fail_wsa("cannot create a UDP socket", err);
        free(sock);
        return NULL;
    }
    if (configure(sock->s, domain, err) != 0 || (broadcast && allow_broadcast(sock->s, err) != 0)) {
        pxb_udp_close(sock);
        return NULL;
    }
    int bound = pxb_port_bind(local, port_min, port_max, bind_to, &sock->s);
    if (bound != PXB_PORT_BOUND) {
        char reason[256];
        unsigned long code = last_wsa_error(reason, sizeof reason);
        pxb_port_describe_failure(bound, local, port_min, port_max, code, reason, err);
        pxb_udp_close(sock);
        return NULL;
    }
    struct sockaddr_storage ss;
    int len = (int)sizeof ss;
    if (getsockname(sock->s, (struct sockaddr *)&ss, &len) != 0) {
        fail_wsa("cannot read the bound address", err);
        pxb_udp_close(sock);
        return NULL;
    }
    pxb_addr_from_sockaddr(&ss, &sock->local);
    ask_arrival_address(sock, domain);
    return sock;
}

pxb_udp *pxb_udp_open(const pxb_addr *local, uint16_t port_min, uint16_t port_max,
                      pxb_error *err)
{
    return open_socket(local, port_min, port_max, 0, err);
}

pxb_udp *pxb_udp_open_broadcast(const pxb_addr *local, pxb_error *err)
{
    if (local->family != PXB_AF_INET4 || pxb_addr_is_any(local) || local->port == 0) {
        pxb_error_set(err, "a broadcast socket needs an IPv4 address and a port");
        return NULL;
    }
    pxb_udp *sock = open_socket(local, 0, 0, 1, err);
    if (sock != NULL)
        sock->local = *local; /* wine may have bound 0.0.0.0 on the interface instead */
    return sock;
}

const int pxb_net_broadcast_per_interface = 0;

int pxb_net_addr_in_use(unsigned long code)
{
    return code == WSAEADDRINUSE || code == WSAEACCES;
}

void pxb_udp_close(pxb_udp *sock)
{
    if (sock == NULL)
        return;
    closesocket(sock->s);
    free(sock);
}

void pxb_udp_local(const pxb_udp *sock, pxb_addr *out)
{
    *out = sock->local;
}

/* The local address a datagram arrived at, from its packet information, into to; to stays
 * as it is if msg carries none. */
static void arrival_address(WSAMSG *msg, pxb_addr *to)
{
    for (WSACMSGHDR *c = WSA_CMSG_FIRSTHDR(msg); c != NULL; c = WSA_CMSG_NXTHDR(msg, c)) {
        if (c->cmsg_len < WSA_CMSG_LEN(0))
            return; /* an inbox's control area the receive did not fill: it was zeroed */
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            IN_PKTINFO info;
            memcpy(&info, WSA_CMSG_DATA(c), sizeof info);
            pxb_addr_from_arrival_v4(&info.ipi_addr, to);
            return;
        }
        if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            IN6_PKTINFO info;
            memcpy(&info, WSA_CMSG_DATA(c), sizeof info);
            pxb_addr_from_arrival_v6(&info.ipi6_addr, info.ipi6_ifindex, to);
            return;
        }
    }
}

/* Receives one datagram with WSARecvMsg, its local address into to (left as it is when the
 * datagram carries none). */
static int receive_with_info(pxb_udp *sock, char *buf, int cap, struct sockaddr_storage *ss,
                             pxb_addr *to)
{
    union {
        WSACMSGHDR align;
        char bytes[WSA_CMSG_SPACE(sizeof(IN6_PKTINFO))];
    } control;
    WSABUF data = {(ULONG)cap, buf};
    WSAMSG msg = {(struct sockaddr *)ss, (int)sizeof *ss, &data, 1,
                  {sizeof control.bytes, control.bytes}, 0};
    DWORD n;
    if (sock->recv_msg(sock->s, &msg, &n, NULL, NULL) != 0)
        return SOCKET_ERROR;
    arrival_address(&msg, to);
    return (int)n;
}

/* A received datagram's addresses into from and to (pxb_udp_recv's). */
static void tell_addresses(const pxb_udp *sock, const struct sockaddr_storage *ss,
                           const pxb_addr *arrived, pxb_addr *from, pxb_addr *to)
{
    pxb_addr_from_sockaddr(ss, from);
    if (to == NULL)
        return;
    *to = *arrived;
    to->port = sock->local.port;
}

/* pxb_udp_recv from the inbox: its datagram once the posted receive is in (the socket is
 * then read directly until the next post), else -1. */
static long take_from_inbox(pxb_udp *sock, uint8_t *buf, size_t buf_len, pxb_addr *from,
                            pxb_addr *to)
{
    pxb_udp_inbox *box = sock->inbox;
    if (!HasOverlappedIoCompleted(&box->ov))
        return -1;
    box->state = PXB_INBOX_DIRECT;
    DWORD n = 0, flags = 0;
    /* A failed receive concerns one datagram (too big for the inbox, a port-unreachable
     * report): the caller skips it and reads on. */
    if (!WSAGetOverlappedResult(sock->s, &box->ov, &n, FALSE, &flags) || n > buf_len)
        return -2;
    memcpy(buf, box->bytes, n);
    pxb_addr arrived = sock->local;
    if (sock->recv_msg != NULL)
        arrival_address(&box->msg, &arrived);
    tell_addresses(sock, &box->from, &arrived, from, to);
    return (long)n;
}

long pxb_udp_recv(pxb_udp *sock, uint8_t *buf, size_t buf_len, pxb_addr *from, pxb_addr *to)
{
    if (sock->inbox != NULL && sock->inbox->state == PXB_INBOX_POSTED)
        return take_from_inbox(sock, buf, buf_len, from, to);
    struct sockaddr_storage ss;
    int len = (int)sizeof ss;
    int cap = buf_len > INT_MAX ? INT_MAX : (int)buf_len;
    pxb_addr arrived = sock->local;
    int n = sock->recv_msg != NULL
                ? receive_with_info(sock, (char *)buf, cap, &ss, &arrived)
                : recvfrom(sock->s, (char *)buf, cap, 0, (struct sockaddr *)&ss, &len);
    if (n == SOCKET_ERROR) {
        /* Anything but "nothing waiting" concerns one datagram (a port-unreachable report,
         * one too big for buf): the caller skips it and reads on. */
        return WSAGetLastError() == WSAEWOULDBLOCK ? -1 : -2;
    }
    tell_addresses(sock, &ss, &arrived, from, to);
    return (long)n;
}

/* Sends one datagram of two parts with one WSASendTo. Returns 0 or -1. */
static int send_datagram(pxb_udp *sock, const struct sockaddr_storage *ss, int sslen,
                         const pxb_datagram *d)
{
    if (d->head_len > INT_MAX || d->body_len > INT_MAX - d->head_len)
        return -1;
    WSABUF parts[2] = {{(ULONG)d->head_len, (CHAR *)d->head},
                       {(ULONG)d->body_len, (CHAR *)d->body}};
    DWORD sent = 0;
    if (WSASendTo(sock->s, parts, 2, &sent, 0, (const struct sockaddr *)ss, sslen, NULL,
                  NULL) != 0)
        return -1;
    return sent == pxb_datagram_len(d) ? 0 : -1;
}

/* Winsock has no call that sends several datagrams (short of Registered I/O): one
 * WSASendTo each, the block sent from where it lies. */
size_t pxb_udp_send_many(pxb_udp *sock, const pxb_addr *to, const pxb_datagram *d, size_t n)
{
    struct sockaddr_storage ss;
    int sslen = to_sockaddr(to, &ss);
    size_t sent = 0;
    while (sent < n && send_datagram(sock, &ss, sslen, &d[sent]) == 0)
        sent++;
    return sent;
}

intptr_t pxb_udp_handle(const pxb_udp *sock)
{
    return (intptr_t)sock->s;
}

void **pxb_udp_loop_entry(pxb_udp *sock)
{
    return &sock->loop_entry;
}

void pxb_udp_set_inbox(pxb_udp *sock, pxb_udp_inbox *inbox)
{
    sock->inbox = inbox;
    if (inbox != NULL)
        inbox->state = PXB_INBOX_DIRECT;
}

/* Starts the overlapped receive into box: WSARecvMsg on a socket that reads packet
 * information, else WSARecvFrom. Returns the Winsock result (0, or SOCKET_ERROR). */
static int start_receive(pxb_udp *sock, pxb_udp_inbox *box)
{
    memset(&box->ov, 0, sizeof box->ov);
    box->data.buf = box->bytes;
    box->data.len = sizeof box->bytes;
    box->flags = 0;
    box->from_len = (INT)sizeof box->from;
    if (sock->recv_msg == NULL)
        return WSARecvFrom(sock->s, &box->data, 1, NULL, &box->flags,
                           (struct sockaddr *)&box->from, &box->from_len, &box->ov, NULL);
    memset(&box->control, 0, sizeof box->control);
    box->msg = (WSAMSG){(struct sockaddr *)&box->from, box->from_len, &box->data, 1,
                        {sizeof box->control.bytes, box->control.bytes}, 0};
    return sock->recv_msg(sock->s, &box->msg, NULL, &box->ov, NULL);
}

int pxb_udp_post_receive(pxb_udp *sock)
{
    pxb_udp_inbox *box = sock->inbox;
    if (box->state == PXB_INBOX_POSTED)
        return 1; /* its datagram is in and was not read */
    /* A datagram too big for the inbox fails at once with WSAEMSGSIZE, a warning: its
     * completion is queued all the same. */
    int err = start_receive(sock, box) == 0 ? 0 : WSAGetLastError();
    if (err == 0 || err == WSA_IO_PENDING || err == WSAEMSGSIZE) {
        box->state = PXB_INBOX_POSTED;
        return 0;
    }
    box->state = PXB_INBOX_DIRECT;
    return -1;
}
