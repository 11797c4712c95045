/* netif_posix.c: the machine's IPv4 addresses (netif.h) from getifaddrs: interfaces that
 * are up, loopback left out. */
#include "netif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/* An IPv4 address of an interface that is up and no loopback. */
static int wanted(const struct ifaddrs *i)
{
    return i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET &&
           (i->ifa_flags & IFF_UP) != 0 && (i->ifa_flags & IFF_LOOPBACK) == 0;
}

static uint32_t host_order(const struct sockaddr *sa)
{
    return sa != NULL ? ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) : 0;
}

int pxb_netif_list(pxb_netif_addr *out, size_t max, size_t *count, pxb_error *err)
{
    struct ifaddrs *list;
    *count = 0;
    if (getifaddrs(&list) != 0)
        return pxb_error_set_code(err, (unsigned long)errno,
                                  "cannot list the network interfaces: %s", strerror(errno));
    for (struct ifaddrs *i = list; i != NULL && *count < max; i = i->ifa_next) {
        if (!wanted(i))
            continue;
        out[*count].addr = host_order(i->ifa_addr);
        out[*count].netmask = host_order(i->ifa_netmask);
        out[*count].ifindex = if_nametoindex(i->ifa_name);
        (*count)++;
    }
    freeifaddrs(list);
    return 0;
}
