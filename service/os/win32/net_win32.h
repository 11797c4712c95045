/* net_win32.h: what the Windows socket backend (net_win32.c) shares with the completion
 * port event loop (evloop_iocp.c) beyond net.h. Each socket keeps a pointer to its entry in
 * the loop, so the loop finds it in constant time; and while it is in the loop, its
 * datagrams arrive by overlapped receives into an inbox the loop owns (the OS writes into
 * it until the receive comes back, which may be after the socket is closed). */
#ifndef PXB_NET_WIN32_H
#define PXB_NET_WIN32_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

#include "net.h"

/* An inbox holds one datagram. A TFTP request is at most 512 bytes (RFC 2347) and the
 * server's transfer sockets receive ACKs and ERRORs; a longer datagram is skipped. */
#define PXB_UDP_INBOX_BYTES 2048

/* Once the posted receive's datagram is taken, pxb_udp_recv reads the socket itself until
 * the next post: a callback's read loop then picks up what arrived meanwhile (in lock-step,
 * often the next ACK) without a completion round through the port for each. */
typedef enum pxb_inbox_state {
    PXB_INBOX_DIRECT, /* nothing posted: pxb_udp_recv reads the socket itself */
    PXB_INBOX_POSTED, /* a receive is posted; its datagram is pxb_udp_recv's once it is in */
} pxb_inbox_state;

typedef struct pxb_udp_inbox {
    OVERLAPPED ov; /* the completion port hands this back when the receive is done */
    pxb_inbox_state state;
    WSABUF data;
    WSAMSG msg; /* with packet information (a wildcard socket), else unused */
    struct sockaddr_storage from;
    INT from_len;
    DWORD flags;
    union {
        WSACMSGHDR align;
        char bytes[WSA_CMSG_SPACE(sizeof(IN6_PKTINFO))];
    } control;
    char bytes[PXB_UDP_INBOX_BYTES];
} pxb_udp_inbox;

/* The socket's event loop entry, NULL while it is in no loop; the event loop reads and
 * writes it. */
void **pxb_udp_loop_entry(pxb_udp *sock);

/* Gives the socket the inbox its posted receives use (NULL: none; pxb_udp_recv then reads
 * the socket directly). A receive still posted into the old inbox stays the loop's. */
void pxb_udp_set_inbox(pxb_udp *sock, pxb_udp_inbox *inbox);

/* Posts an overlapped receive into the socket's inbox. Returns 0 when it is posted (its
 * completion will reach the port the socket is associated with), 1 when the inbox still
 * holds a datagram nobody read (nothing posted: the caller reports the socket readable),
 * -1 when the post failed (nothing queued: pxb_udp_recv reads directly and meets the
 * error). */
int pxb_udp_post_receive(pxb_udp *sock);

#endif
