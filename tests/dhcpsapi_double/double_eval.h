/* double_eval.h: PxbDoubleEvaluate, the double's one export beyond dhcpsapi: what a DHCP
 * client would receive from a simulated server, following the documented order: scope-level
 * policies before server-level ones, ascending processing order, disabled policies and
 * levels with enforcement off skipped, the first matching policy with a value for an option
 * wins, and within a level policy values beat (pre-2012) user-class values beat plain
 * values; a scope's values beat the server level's. Load it with GetProcAddress from the
 * double's dhcpsapi.dll, or link the double's sources (dhcpdouble.exe does). */
#ifndef PXB_DOUBLE_EVAL_H
#define PXB_DOUBLE_EVAL_H

#include <stddef.h>

#include <windows.h>

#define PXB_DOUBLE_TEXT_MAX 256
#define PXB_DOUBLE_MATCHED_MAX 1024

/* The client's request. An option not sent has data NULL. */
typedef struct pxb_double_client {
    const char *server;                /* UTF-8 server section: NULL, "" or "localhost" */
    DWORD subnet;                      /* scope the request arrives in, host order */
    const unsigned char *vendor_class; /* option 60 bytes */
    size_t vendor_class_len;
    const unsigned char *user_class;   /* option 77 bytes (iPXE: "iPXE", no length byte) */
    size_t user_class_len;
    const unsigned char *arch;         /* option 93 bytes (2, big-endian) */
    size_t arch_len;
    const unsigned char *mac;          /* chaddr, hlen bytes */
    size_t mac_len;
} pxb_double_client;

/* One option of the reply. */
typedef struct pxb_double_option {
    int present;
    char value[PXB_DOUBLE_TEXT_MAX];  /* strings as is; IP addresses dotted; numbers decimal */
    char source[PXB_DOUBLE_TEXT_MAX]; /* "policy NAME at scope 10.0.0.0", "class NAME at
                                         server", "scope 10.0.0.0", "server" */
} pxb_double_option;

typedef struct pxb_double_offer {
    pxb_double_option boot_server;  /* option 066 */
    pxb_double_option boot_file;    /* option 067 */
    pxb_double_option vendor_class; /* option 060 */
    char matched[PXB_DOUBLE_MATCHED_MAX]; /* matching policies in evaluation order, as
                                             "NAME@10.0.0.0" / "NAME@server", comma-separated */
} pxb_double_offer;

/* Fills offer. Returns 0, RPC_S_SERVER_UNAVAILABLE for an unknown server,
 * ERROR_DHCP_SUBNET_NOT_PRESENT when the server has no such scope, or a state file error.
 * Injected faults do not apply: they concern the management RPC, not DHCP. */
typedef DWORD WINAPI pxb_PxbDoubleEvaluate_t(const pxb_double_client *client,
                                             pxb_double_offer *offer);
typedef pxb_PxbDoubleEvaluate_t *pxb_PxbDoubleEvaluate_fn;
pxb_PxbDoubleEvaluate_t PxbDoubleEvaluate;

#endif
