/* netif_win32.c: the machine's IPv4 addresses (netif.h) from GetAdaptersAddresses:
 * adapters that are up (IfOperStatusUp), the loopback adapter left out; the netmask from
 * each unicast address's prefix length. */
#include "netif.h"

#include <stdlib.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include "win_text.h"

/* GetAdaptersAddresses asks for a buffer this size first (Microsoft's advice: 15 KB), then
 * for the size it names, a bounded number of times (adapters may appear in between). */
#define FIRST_BUFFER (16 * 1024)
#define TRIES 3

static uint32_t mask_of(unsigned prefix)
{
    return prefix == 0 ? 0 : prefix >= 32 ? 0xFFFFFFFFu : ~((1u << (32 - prefix)) - 1);
}

/* The adapters' list, to be freed; NULL with a reason in err. */
static IP_ADAPTER_ADDRESSES *read_adapters(pxb_error *err)
{
    ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    ULONG size = FIRST_BUFFER;
    ULONG rc = ERROR_BUFFER_OVERFLOW;
    for (int i = 0; i < TRIES && rc == ERROR_BUFFER_OVERFLOW; i++) {
        IP_ADAPTER_ADDRESSES *list = malloc(size);
        if (list == NULL) {
            pxb_error_set(err, "out of memory");
            return NULL;
        }
        rc = GetAdaptersAddresses(AF_INET, flags, NULL, list, &size);
        if (rc == NO_ERROR)
            return list;
        free(list);
    }
    char reason[256];
    pxb_describe_error(rc, reason, sizeof reason);
    pxb_error_set_code(err, rc, "cannot list the network adapters: %s", reason);
    return NULL;
}

/* Adds the IPv4 unicast addresses of adapter a to out (up to max), with its index. */
static void take_addresses(const IP_ADAPTER_ADDRESSES *a, pxb_netif_addr *out, size_t max,
                           size_t *count)
{
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress;
         u != NULL && *count < max; u = u->Next) {
        const struct sockaddr *sa = u->Address.lpSockaddr;
        if (sa == NULL || sa->sa_family != AF_INET)
            continue;
        out[*count].addr = ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr);
        out[*count].netmask = mask_of(u->OnLinkPrefixLength);
        out[*count].ifindex = a->IfIndex;
        (*count)++;
    }
}

int pxb_netif_list(pxb_netif_addr *out, size_t max, size_t *count, pxb_error *err)
{
    *count = 0;
    IP_ADAPTER_ADDRESSES *list = read_adapters(err);
    if (list == NULL)
        return -1;
    for (const IP_ADAPTER_ADDRESSES *a = list; a != NULL; a = a->Next) {
        if (a->OperStatus == IfOperStatusUp && a->IfType != IF_TYPE_SOFTWARE_LOOPBACK)
            take_addresses(a, out, max, count);
    }
    free(list);
    return 0;
}
