/* dhcpdouble.c: the test scripts' handle on the dhcpsapi test double (linked with the
 * double's sources; state file from PXB_DHCP_DOUBLE_STATE). SERVER is a server section's
 * name, "local" for the local server.
 *   dhcpdouble init [--version M.N]                fresh state: the local server only
 *   dhcpdouble add-server NAME [--version M.N] [--addr A]
 *                                                  another server (e.g. a failover partner)
 *   dhcpdouble set-version SERVER M.N              6.1 = Windows Server 2008 R2 (no policies)
 *   dhcpdouble set-addr SERVER A                   the server's IPv4 address (API calls may
 *                                                  name it by that address)
 *   dhcpdouble add-subnet ADDR MASK [--server S]   a scope
 *   dhcpdouble set-fault SERVER KIND [K [CODE]]    none | deny-writes | deny-all |
 *                                                  absent-code CODE | page-max N |
 *                                                  unreachable | stopped | fail-write K [CODE]
 *   dhcpdouble dump [--faults]                     the whole state as text, stable order
 *   dhcpdouble evaluate --subnet A [--arch N] [--vendor TEXT] [--user TEXT] [--mac MAC]
 *                       [--server S]               what such a client receives, key=value
 *   dhcpdouble seed-manual-ipxe [--subnet A] [--server S]
 *                                                  an admin's earlier hand-made iPXE setup
 *   the failover commands of dhcpdouble_failover.c: add-failover, set-failover,
 *   failover-scopes, delete-failover, show-failover
 * Exit status 0 on success, 1 on failure, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dhcpdouble.h"
#include "double_eval.h"
#include "exports.h"
#include "faults.h"
#include "names.h"
#include "rpcmem.h"
#include "session.h"
#include "store.h"

#define SEED_BOOT_SERVER "10.0.0.1"
#define SEED_CLASS L"iPXE clients"
#define SEED_POLICY L"PXE-iPXE"

const char *opt_value(const args *a, const char *name, const char *fallback)
{
    for (int i = 0; i + 1 < a->count; i++) {
        if (strcmp(a->items[i], name) == 0)
            return a->items[i + 1];
    }
    return fallback;
}

const char *positional(const args *a, int n)
{
    for (int i = 0; i < a->count; i++) {
        if (strncmp(a->items[i], "--", 2) == 0) {
            i += strcmp(a->items[i], "--faults") != 0;
            continue;
        }
        if (n-- == 0)
            return a->items[i];
    }
    return NULL;
}

const char *server_of(const char *name)
{
    return !name || strcmp(name, "local") == 0 ? "" : name;
}

int server_wide(const char *name, WCHAR *out, int out_len)
{
    return MultiByteToWideChar(CP_UTF8, 0, server_of(name), -1, out, out_len) ? 0 : -1;
}

int fail(const char *what, unsigned long code)
{
    fprintf(stderr, "dhcpdouble: %s: error %lu\n", what, code);
    return 1;
}

static int parse_version(const char *text, uint32_t *major, uint32_t *minor)
{
    unsigned long m, n;
    char tail;
    if (sscanf(text, "%lu.%lu%c", &m, &n, &tail) != 2)
        return -1;
    *major = (uint32_t)m;
    *minor = (uint32_t)n;
    return 0;
}

DWORD open_admin(session *s, const char *server)
{
    WCHAR name[PXB_DOUBLE_TEXT_MAX];
    if (server_wide(server, name, PXB_DOUBLE_TEXT_MAX))
        return ERROR_INVALID_PARAMETER;
    return session_open(s, name, CALL_ADMIN);
}

static int cmd_init(const args *a)
{
    dbl_state state;
    uint32_t major = 6, minor = 3;
    if (parse_version(opt_value(a, "--version", "6.3"), &major, &minor))
        return 2;
    if (store_fresh(&state))
        return fail("init", ERROR_NOT_ENOUGH_MEMORY);
    state.servers[0].major = major;
    state.servers[0].minor = minor;
    unsigned long rc = store_save(&state);
    model_free(&state);
    return rc ? fail("init", rc) : 0;
}

/* Gives server the address addr (0: none), which no other server may have. */
static DWORD give_addr(dbl_state *state, dbl_server *server, uint32_t addr)
{
    dbl_server *holder = model_find_server_addr(state, addr);
    if (holder && holder != server)
        return ERROR_ALREADY_EXISTS;
    server->addr = addr;
    return ERROR_SUCCESS;
}

static int cmd_add_server(const args *a)
{
    session s;
    uint32_t major = 6, minor = 3, addr = 0;
    const char *name = positional(a, 1), *addr_text = opt_value(a, "--addr", NULL);
    if (!name || !*server_of(name) || parse_version(opt_value(a, "--version", "6.3"), &major,
                                                    &minor) ||
        (addr_text && names_ip_parse(addr_text, &addr)))
        return 2;
    DWORD rc = open_admin(&s, NULL);
    if (rc == ERROR_SUCCESS && model_find_server(&s.state, name))
        rc = ERROR_ALREADY_EXISTS;
    dbl_server *added = rc ? NULL : model_add_server(&s.state, name, major, minor);
    if (rc == ERROR_SUCCESS)
        rc = added ? give_addr(&s.state, added, addr) : ERROR_NOT_ENOUGH_MEMORY;
    rc = session_close(&s, rc);
    return rc ? fail("add-server", rc) : 0;
}

static int cmd_set_addr(const args *a)
{
    session s;
    uint32_t addr;
    const char *addr_text = positional(a, 2);
    if (!addr_text || names_ip_parse(addr_text, &addr) || addr == 0)
        return 2;
    DWORD rc = open_admin(&s, positional(a, 1));
    if (rc == ERROR_SUCCESS)
        rc = give_addr(&s.state, s.server, addr);
    rc = session_close(&s, rc);
    return rc ? fail("set-addr", rc) : 0;
}

static int cmd_set_version(const args *a)
{
    session s;
    uint32_t major, minor;
    const char *version = positional(a, 2);
    if (!version || parse_version(version, &major, &minor))
        return 2;
    DWORD rc = open_admin(&s, positional(a, 1));
    if (rc == ERROR_SUCCESS) {
        s.server->major = major;
        s.server->minor = minor;
    }
    rc = session_close(&s, rc);
    return rc ? fail("set-version", rc) : 0;
}

static int cmd_add_subnet(const args *a)
{
    session s;
    uint32_t addr, mask;
    const char *addr_text = positional(a, 1), *mask_text = positional(a, 2);
    if (!addr_text || !mask_text || names_ip_parse(addr_text, &addr) ||
        names_ip_parse(mask_text, &mask) || (addr & ~mask))
        return 2;
    DWORD rc = open_admin(&s, opt_value(a, "--server", NULL));
    if (rc == ERROR_SUCCESS && model_find_subnet(s.server, addr))
        rc = ERROR_ALREADY_EXISTS;
    dbl_subnet *subnet = rc ? NULL : model_grow((void **)&s.server->subnets,
                                                &s.server->subnet_count, sizeof *subnet);
    if (rc == ERROR_SUCCESS && !subnet)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    if (subnet) {
        subnet->addr = addr;
        subnet->mask = mask;
        subnet->enforce = 1;
    }
    rc = session_close(&s, rc);
    return rc ? fail("add-subnet", rc) : 0;
}

static int cmd_set_fault(const args *a)
{
    session s;
    const char *kind = positional(a, 2);
    const char *k = positional(a, 3), *code = positional(a, 4);
    if (!kind)
        return 2;
    DWORD rc = open_admin(&s, positional(a, 1));
    if (rc == ERROR_SUCCESS &&
        faults_set(s.server, kind, k ? (uint32_t)strtoul(k, NULL, 10) : 0,
                   code ? (uint32_t)strtoul(code, NULL, 10) : 0))
        rc = ERROR_INVALID_PARAMETER;
    rc = session_close(&s, rc);
    return rc ? fail("set-fault", rc) : 0;
}

static int cmd_dump(const args *a)
{
    dbl_state state;
    unsigned bad_line;
    unsigned long rc = store_load(&state, &bad_line);
    if (rc) {
        fprintf(stderr, "dhcpdouble: state file line %u unreadable\n", bad_line);
        return fail("dump", rc);
    }
    int with_faults = 0;
    for (int i = 0; i < a->count; i++)
        with_faults |= strcmp(a->items[i], "--faults") == 0;
    store_format(&state, stdout, with_faults);
    model_free(&state);
    return 0;
}

static void print_option(const char *key, const pxb_double_option *option)
{
    printf("%s=%s\n", key, option->present ? option->value : "");
    printf("%s-source=%s\n", key, option->present ? option->source : "none");
}

static int cmd_evaluate(const args *a)
{
    pxb_double_client client = {0};
    pxb_double_offer offer;
    unsigned char arch[2], mac[16];
    const char *subnet = opt_value(a, "--subnet", NULL);
    const char *arch_text = opt_value(a, "--arch", NULL);
    const char *vendor = opt_value(a, "--vendor", NULL);
    const char *user = opt_value(a, "--user", NULL);
    const char *mac_text = opt_value(a, "--mac", NULL);
    uint32_t addr;
    if (!subnet || names_ip_parse(subnet, &addr))
        return 2;
    client.subnet = addr;
    client.server = server_of(opt_value(a, "--server", NULL));
    if (arch_text) {
        unsigned long value = strtoul(arch_text, NULL, 10);
        arch[0] = (unsigned char)(value >> 8);
        arch[1] = (unsigned char)value;
        client.arch = arch;
        client.arch_len = 2;
    }
    if (vendor) {
        client.vendor_class = (const unsigned char *)vendor;
        client.vendor_class_len = strlen(vendor);
    }
    if (user) {
        client.user_class = (const unsigned char *)user;
        client.user_class_len = strlen(user);
    }
    if (mac_text) {
        int len = names_mac_parse(mac_text, mac, sizeof mac);
        if (len < 0)
            return 2;
        client.mac = mac;
        client.mac_len = (size_t)len;
    }
    DWORD rc = PxbDoubleEvaluate(&client, &offer);
    if (rc)
        return fail("evaluate", rc);
    print_option("boot-server", &offer.boot_server);
    print_option("boot-file", &offer.boot_file);
    print_option("vendor-class", &offer.vendor_class);
    printf("matched=%s\n", offer.matched);
    return 0;
}

/* Sets a string option value through the API: for policy (V4 call) or, when policy is
 * NULL, the scope's own value (V5 call without a class; MS-DHCPM 3.2.4.102 needs a
 * policy). */
static DWORD seed_value(LPWSTR server, DHCP_OPTION_ID id, LPWSTR policy,
                        DHCP_OPTION_SCOPE_INFO *scope, const WCHAR *text)
{
    WCHAR copy[PXB_DOUBLE_TEXT_MAX];
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    DHCP_OPTION_DATA data = {1, &elem};
    wcsncpy(copy, text, PXB_DOUBLE_TEXT_MAX - 1);
    copy[PXB_DOUBLE_TEXT_MAX - 1] = L'\0';
    elem.Element.StringDataOption = copy;
    return policy ? DhcpV4SetOptionValue(server, 0, id, policy, NULL, scope, &data)
                  : DhcpSetOptionValueV5(server, 0, id, NULL, NULL, scope, &data);
}

/* The admin's earlier hand-made setup, made through the API like an admin's tools would:
 * a user class "iPXE clients" (data "iPXE"), a scope policy "PXE-iPXE" handing iPXE a boot
 * URL, and scope options 066 / 067 for everything else. */
static int cmd_seed(const args *a)
{
    uint32_t subnet;
    WCHAR server[PXB_DOUBLE_TEXT_MAX];
    WCHAR class_name[] = SEED_CLASS, comment[] = L"added by hand", policy_name[] = SEED_POLICY;
    BYTE data[] = {'i', 'P', 'X', 'E'};
    if (names_ip_parse(opt_value(a, "--subnet", "10.0.0.0"), &subnet) ||
        server_wide(opt_value(a, "--server", NULL), server, PXB_DOUBLE_TEXT_MAX))
        return 2;
    DHCP_CLASS_INFO cls = {class_name, comment, sizeof data, FALSE, 0, data};
    DHCP_POL_EXPR expr = {0, DhcpLogicalOr};
    DHCP_POL_COND cond = {0, DhcpAttrOption, 77, 0, NULL, DhcpCompEqual, data, sizeof data};
    DHCP_POL_EXPR_ARRAY exprs = {1, &expr};
    DHCP_POL_COND_ARRAY conds = {1, &cond};
    DHCP_IP_RANGE_ARRAY ranges = {0, NULL};
    DHCP_POLICY policy = {policy_name, FALSE, subnet, 1, &conds, &exprs, &ranges, comment, TRUE};
    DHCP_OPTION_SCOPE_INFO scope = {.ScopeType = DhcpSubnetOptions};
    scope.ScopeInfo.SubnetScopeInfo = subnet;
    DWORD rc = DhcpCreateClass(server, 0, &cls);
    if (rc == ERROR_SUCCESS)
        rc = DhcpV4CreatePolicy(server, &policy);
    if (rc == ERROR_SUCCESS)
        rc = seed_value(server, 67, policy_name, &scope, L"http://" SEED_BOOT_SERVER "/boot.ipxe");
    if (rc == ERROR_SUCCESS)
        rc = seed_value(server, 66, NULL, &scope, L"" SEED_BOOT_SERVER);
    if (rc == ERROR_SUCCESS)
        rc = seed_value(server, 67, NULL, &scope, L"undionly.kpxe");
    return rc ? fail("seed-manual-ipxe", rc) : 0;
}

static const struct {
    const char *name;
    int (*run)(const args *a);
} commands[] = {
    {"init", cmd_init},
    {"add-server", cmd_add_server},
    {"set-version", cmd_set_version},
    {"set-addr", cmd_set_addr},
    {"add-subnet", cmd_add_subnet},
    {"set-fault", cmd_set_fault},
    {"dump", cmd_dump},
    {"evaluate", cmd_evaluate},
    {"seed-manual-ipxe", cmd_seed},
    {"add-failover", cmd_add_failover},
    {"set-failover", cmd_set_failover},
    {"failover-scopes", cmd_failover_scopes},
    {"delete-failover", cmd_delete_failover},
    {"show-failover", cmd_show_failover},
};

int wmain(int argc, wchar_t **argv);

int wmain(int argc, wchar_t **argv)
{
    args a = {argc - 1, calloc((size_t)argc, sizeof(char *))};
    int status = 2;
    for (int i = 1; a.items && i < argc; i++) {
        a.items[i - 1] = rpc_utf8(argv[i]);
        if (!a.items[i - 1])
            return fail("arguments", ERROR_NOT_ENOUGH_MEMORY);
    }
    const char *command = a.items ? positional(&a, 0) : NULL;
    for (size_t i = 0; command && i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(command, commands[i].name) == 0)
            status = commands[i].run(&a);
    }
    if (status == 2)
        fprintf(stderr, "usage: dhcpdouble init|add-server|set-version|set-addr|add-subnet|"
                        "set-fault|dump|evaluate|seed-manual-ipxe|add-failover|set-failover|"
                        "failover-scopes|delete-failover|show-failover ... (see dhcpdouble.c, "
                        "dhcpdouble_failover.c)\n");
    for (int i = 0; a.items && i < a.count; i++)
        free(a.items[i]);
    free(a.items);
    return status;
}
