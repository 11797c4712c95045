/* net_posix.c: non-blocking UDP sockets over BSD sockets. IPv6 sockets are IPv6-only; no
 * socket shares its port (no SO_REUSEADDR), so a second server can't silently take half of
 * the requests; buffers are enlarged for windowed transfers and boot storms; sockets on a
 * wildcard address read each datagram's local address with recvmsg and IP_PKTINFO /
 * IPV6_RECVPKTINFO. A DHCP server's broadcast socket (pxb_udp_open_broadcast) is bound to
 * the wildcard address and to the device that holds its address (SO_BINDTODEVICE): Linux
 * delivers no broadcast to a socket bound to a unicast address. */
#include "net.h"
#include "port_range.h"

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sockaddr_conv.h" /* after the socket headers it relies on */

#define SOCKET_BUFFER_BYTES (4 * 1024 * 1024)

struct pxb_udp {
    int fd;
    pxb_addr local;
};

/* Where the next port range search starts; moves on with every search so transfers spread
 * over the range instead of probing the same busy ports first. Sockets are opened from the
 * runtime's one thread only. */

int pxb_net_init(void)
{
    return 0; /* BSD sockets need no start-up */
}

void pxb_net_cleanup(void)
{
    /* Nothing to undo: see pxb_net_init. */
}

static socklen_t to_sockaddr(const pxb_addr *a, struct sockaddr_storage *ss)
{
    return (socklen_t)pxb_sockaddr_from_addr(a, ss);
}

/* Larger buffers are an optimisation, so failures are ignored: the privileged option
 * (root, CAP_NET_ADMIN) passes the kernel's cap; the plain one is held to net.core.*mem_max. */
static void enlarge_buffer(int fd, int forced_option, int option)
{
    int size = SOCKET_BUFFER_BYTES;
    if (setsockopt(fd, SOL_SOCKET, forced_option, &size, sizeof size) != 0)
        setsockopt(fd, SOL_SOCKET, option, &size, sizeof size);
}

/* Creates the socket with its options; -1 with a reason in err. */
static int make_socket(const pxb_addr *local, pxb_error *err)
{
    int domain = local->family == PXB_AF_INET4 ? AF_INET : AF_INET6;
    int fd = socket(domain, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        pxb_error_set_code(err, (unsigned long)errno, "cannot create a UDP socket: %s",
                           strerror(errno));
        return -1;
    }
    int one = 1;
    if (domain == AF_INET6 &&
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) {
        pxb_error_set_code(err, (unsigned long)errno, "cannot make the socket IPv6-only: %s",
                           strerror(errno));
        close(fd);
        return -1;
    }
    enlarge_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF);
    enlarge_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF);
    /* On a wildcard address, each datagram's local address (pxb_udp_recv's to). Without it
     * the socket's own address stands in, so a failure is no error. */
    if (pxb_addr_is_any(local)) {
        if (domain == AF_INET)
            setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
        else
            setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one);
    }
    return fd;
}

/* port_range.h's attempt: binds the socket *ctx to addr. */
static int bind_to(void *ctx, const pxb_addr *addr)
{
    struct sockaddr_storage ss;
    socklen_t len = to_sockaddr(addr, &ss);
    if (bind(*(int *)ctx, (struct sockaddr *)&ss, len) == 0)
        return PXB_PORT_BOUND;
    return errno == EADDRINUSE ? PXB_PORT_IN_USE : PXB_PORT_ERROR;
}

/* A socket for local with its options, not bound yet; NULL with a reason in err. */
static pxb_udp *new_socket(const pxb_addr *local, pxb_error *err)
{
    pxb_udp *sock = calloc(1, sizeof *sock);
    if (sock == NULL) {
        pxb_error_set(err, "out of memory");
        return NULL;
    }
    sock->fd = make_socket(local, err);
    if (sock->fd < 0) {
        free(sock);
        return NULL;
    }
    return sock;
}

pxb_udp *pxb_udp_open(const pxb_addr *local, uint16_t port_min, uint16_t port_max,
                      pxb_error *err)
{
    if (local->family != PXB_AF_INET4 && local->family != PXB_AF_INET6) {
        pxb_error_set(err, "no address family to bind to");
        return NULL;
    }
    pxb_udp *sock = new_socket(local, err);
    if (sock == NULL)
        return NULL;
    int bound = pxb_port_bind(local, port_min, port_max, bind_to, &sock->fd);
    if (bound != PXB_PORT_BOUND) {
        pxb_port_describe_failure(bound, local, port_min, port_max, (unsigned long)errno,
                                  strerror(errno), err);
        pxb_udp_close(sock);
        return NULL;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(sock->fd, (struct sockaddr *)&ss, &len) != 0) {
        pxb_error_set_code(err, (unsigned long)errno, "cannot read the bound address: %s",
                           strerror(errno));
        pxb_udp_close(sock);
        return NULL;
    }
    pxb_addr_from_sockaddr(&ss, &sock->local);
    return sock;
}

/* The name of the interface that holds the IPv4 address ip (network order) into name
 * (IFNAMSIZ bytes). Returns 0, or -1 with a reason in err. */
static int interface_of(const uint8_t ip[4], char *name, pxb_error *err)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0)
        return pxb_error_set_code(err, (unsigned long)errno,
                                  "cannot list the network interfaces: %s", strerror(errno));
    int found = -1;
    for (struct ifaddrs *i = list; i != NULL && found != 0; i = i->ifa_next) {
        if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
            continue;
        const struct sockaddr_in *sin = (const struct sockaddr_in *)i->ifa_addr;
        if (memcmp(&sin->sin_addr, ip, 4) != 0)
            continue;
        snprintf(name, IFNAMSIZ, "%s", i->ifa_name);
        found = 0;
    }
    freeifaddrs(list);
    if (found != 0)
        pxb_error_set(err, "no network interface of this machine holds that address");
    return found;
}

/* Binds fd to 0.0.0.0 with local's port on the device that holds local's address; 0, or
 * -1 with a reason (and the OS's code) in err. */
static int bind_on_device(int fd, const pxb_addr *local, pxb_error *err)
{
    char device[IFNAMSIZ];
    int one = 1;
    if (interface_of(local->ip, device, err) != 0) {
        char text[PXB_ADDR_TEXT_MAX];
        pxb_addr_format(local, text, sizeof text);
        pxb_error_prefix(err, "cannot bind %s", text);
        return -1;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one) != 0)
        return pxb_error_set_code(err, (unsigned long)errno, "cannot allow broadcasts: %s",
                                  strerror(errno));
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device, (socklen_t)strlen(device) + 1) != 0)
        return pxb_error_set_code(err, (unsigned long)errno,
                                  "cannot bind the socket to the interface %s: %s", device,
                                  strerror(errno));
    pxb_addr any = *local;
    memset(any.ip, 0, sizeof any.ip);
    int bound = pxb_port_bind(&any, 0, 0, bind_to, &fd);
    if (bound == PXB_PORT_BOUND)
        return 0;
    pxb_port_describe_failure(bound, local, 0, 0, (unsigned long)errno, strerror(errno), err);
    return -1;
}

pxb_udp *pxb_udp_open_broadcast(const pxb_addr *local, pxb_error *err)
{
    if (local->family != PXB_AF_INET4 || pxb_addr_is_any(local) || local->port == 0) {
        pxb_error_set(err, "a broadcast socket needs an IPv4 address and a port");
        return NULL;
    }
    pxb_udp *sock = new_socket(local, err);
    if (sock == NULL)
        return NULL;
    if (bind_on_device(sock->fd, local, err) != 0) {
        pxb_udp_close(sock);
        return NULL;
    }
    sock->local = *local; /* what it serves; the OS holds 0.0.0.0 on the device */
    return sock;
}

const int pxb_net_broadcast_per_interface = 1;

int pxb_net_addr_in_use(unsigned long code)
{
    return code == EADDRINUSE;
}

void pxb_udp_close(pxb_udp *sock)
{
    if (sock == NULL)
        return;
    close(sock->fd);
    free(sock);
}

void pxb_udp_local(const pxb_udp *sock, pxb_addr *out)
{
    *out = sock->local;
}

/* The local address a datagram arrived at, from its packet information, into to; to stays
 * as it is if msg carries none. IPv4 takes ipi_spec_dst, the local address the datagram was
 * for (for a broadcast, the receiving interface's address), so a reply can be sent from it. */
static void arrival_address(struct msghdr *msg, pxb_addr *to)
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo info;
            memcpy(&info, CMSG_DATA(c), sizeof info);
            pxb_addr_from_arrival_v4(&info.ipi_spec_dst, to);
            return;
        }
        if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            struct in6_pktinfo info;
            memcpy(&info, CMSG_DATA(c), sizeof info);
            pxb_addr_from_arrival_v6(&info.ipi6_addr, info.ipi6_ifindex, to);
            return;
        }
    }
}

long pxb_udp_recv(pxb_udp *sock, uint8_t *buf, size_t buf_len, pxb_addr *from, pxb_addr *to)
{
    struct sockaddr_storage ss;
    union {
        struct cmsghdr align;
        char bytes[CMSG_SPACE(sizeof(struct in6_pktinfo))];
    } control;
    struct iovec iov = {buf, buf_len};
    struct msghdr msg = {.msg_name = &ss, .msg_namelen = sizeof ss, .msg_iov = &iov,
                         .msg_iovlen = 1, .msg_control = control.bytes,
                         .msg_controllen = sizeof control.bytes};
    ssize_t n = recvmsg(sock->fd, &msg, 0);
    if (n < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? -1 : -2;
    pxb_addr_from_sockaddr(&ss, from);
    if (to != NULL) {
        *to = sock->local;
        if (pxb_addr_is_any(&sock->local))
            arrival_address(&msg, to);
        to->port = sock->local.port;
    }
    return (long)n;
}

/* Fills msgs/iov for d[0..n): one message of two parts each, all to one address. */
static void fill_messages(const pxb_datagram *d, size_t n, struct sockaddr_storage *ss,
                          socklen_t sslen, struct mmsghdr *msgs, struct iovec (*iov)[2])
{
    for (size_t i = 0; i < n; i++) {
        iov[i][0] = (struct iovec){(void *)d[i].head, d[i].head_len};
        iov[i][1] = (struct iovec){(void *)d[i].body, d[i].body_len};
        msgs[i] = (struct mmsghdr){.msg_hdr = {.msg_name = ss, .msg_namelen = sslen,
                                               .msg_iov = iov[i], .msg_iovlen = 2}};
    }
}

size_t pxb_udp_send_many(pxb_udp *sock, const pxb_addr *to, const pxb_datagram *d, size_t n)
{
    struct sockaddr_storage ss;
    socklen_t sslen = to_sockaddr(to, &ss);
    struct mmsghdr msgs[PXB_UDP_SEND_MAX];
    struct iovec iov[PXB_UDP_SEND_MAX][2];
    if (n > PXB_UDP_SEND_MAX)
        n = PXB_UDP_SEND_MAX;
    fill_messages(d, n, &ss, sslen, msgs, iov);
    size_t sent = 0;
    while (sent < n) {
        int r = sendmmsg(sock->fd, msgs + sent, (unsigned)(n - sent), 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* the OS refused datagram number sent: it and the rest stay unsent */
        sent += (size_t)r;
    }
    return sent;
}

intptr_t pxb_udp_handle(const pxb_udp *sock)
{
    return sock->fd;
}
