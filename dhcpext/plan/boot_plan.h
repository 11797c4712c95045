/* boot_plan.h: the boot plan, pxebridge's one model of network booting. Which client
 * (architecture from option 93 / 60, iPXE or not from option 77, MAC, scope) gets which boot
 * file or URL from which server. Plain data plus pure functions: defaults, the settings'
 * text form ("Name=value" lines, the registry values of later), validation, and the ordered
 * rule list that every view (Microsoft DHCP policies, exports, explain) is made from. */
#ifndef PXB_BOOT_PLAN_H
#define PXB_BOOT_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "client_arch.h"
#include "first_stage.h"
#include "net_text.h"
#include "pxb_error.h"
#include "setting.h"

/* Longest boot file or URL, NUL included: DHCP options carry at most 255 bytes. */
#define PXB_PLAN_VALUE_MAX 256
/* Longest first-stage file name, NUL included: the BOOTP file field has 128 bytes. */
#define PXB_PLAN_FILE_MAX 128
#define PXB_PLAN_SCOPES_MAX 32
#define PXB_PLAN_MACS_MAX 64
/* Longest MenuTimeout, in seconds. */
#define PXB_PLAN_MENU_MAX_S 600

/* The user class (option 77) iPXE sends, as raw bytes without a length prefix. */
#define PXB_IPXE_USER_CLASS "iPXE"
/* The script served by the PxeBridge TFTP server, used when ScriptUrl is empty. */
#define PXB_DEFAULT_SCRIPT "boot.ipxe"
/* BootTarget=winpe:NAME boots the WinPE image NAME of the catalog (winpe_catalog.h). */
#define PXB_WINPE_TARGET "winpe:"
/* Option 60 value a UEFI HTTP boot client needs to see in the reply. */
#define PXB_HTTP_CLIENT_ID "HTTPClient"
/* Starts the description of every DHCP object pxebridge creates: what it owns. */
#define PXB_OWNER_MARK "[pxebridge]"
/* Names of the DHCP server classes the rules use (Microsoft DHCP, netsh, PowerShell). */
#define PXB_IPXE_CLASS_NAME "pxebridge class iPXE"
#define PXB_VENDOR_CLASS_NAME_PREFIX "pxebridge class "

/* The first-stage images a plan can hand out, one per group of architectures. */
enum pxb_stage {
    PXB_STAGE_BIOS,       /* arch 0: BiosFile */
    PXB_STAGE_UEFI_X64,   /* arch 7, 9: UefiX64File */
    PXB_STAGE_UEFI_IA32,  /* arch 6: UefiIa32File */
    PXB_STAGE_UEFI_ARM64, /* arch 11: UefiArm64File */
    PXB_STAGE_HTTP_X64,   /* arch 16: HttpBootX64Url */
    PXB_STAGE_HTTP_IA32,  /* arch 15: HttpBootIa32Url */
    PXB_STAGE_HTTP_ARM64, /* arch 19: HttpBootArm64Url */
    PXB_STAGE_COUNT
};

#define PXB_STAGE_ARCHES_MAX 2

typedef struct pxb_stage_info {
    const char *setting;       /* "UefiX64File" */
    const char *id;            /* "uefi-x64": tags and class names in exports */
    const char *label;         /* "x64 UEFI": rule and policy names */
    unsigned arches[PXB_STAGE_ARCHES_MAX];
    size_t arch_count;
    int http;                  /* UEFI HTTP boot: an http(s) URL and option 060 */
    const char *signed_chain;  /* the bundled signed chain's first stage for this CPU (like
                                  PXB_SIGNED_CHAIN_X64), or NULL where there is none */
} pxb_stage_info;

/* What the GRUB menu generated for the signed chain boots (grub_menu.h): files of the TFTP
 * root and the kernel's command line, for each CPU the chain is bundled for. */
enum pxb_grub_field {
    PXB_GRUB_KERNEL, /* GrubKernel, GrubKernelArm64 */
    PXB_GRUB_INITRD, /* GrubInitrd, GrubInitrdArm64 */
    PXB_GRUB_ARGS,   /* GrubArgs, GrubArgsArm64 */
    PXB_GRUB_FIELDS
};

/* The CPUs of the bundled signed chain: which GRUB reads the menu ($grub_cpu). */
enum pxb_grub_cpu {
    PXB_GRUB_X64,   /* secureboot/grubx64.efi: GrubKernel, GrubInitrd, GrubArgs */
    PXB_GRUB_ARM64, /* secureboot/grubaa64.efi: GrubKernelArm64, ... */
    PXB_GRUB_CPUS
};

/* ProxyDhcp: whether the PxeBridge service answers PXE clients itself (proxyDHCP, PXE 2.1
 * and RFC 4578), the boot plan deciding every answer as it decides the DHCP policies. */
enum pxb_proxy_mode {
    PXB_PROXY_OFF,  /* the DHCP server hands out the boot options (its policies, an export) */
    PXB_PROXY_ON,   /* ports 67 and 4011: the DHCP server is another machine */
    PXB_PROXY_4011  /* port 4011 only: a DHCP server on this machine sends option 060
                       PXEClient, which sends PXE clients to this machine's port 4011 */
};

/* One item of ScopeBootServers: a scope of the plan and the boot server of its site. */
typedef struct pxb_scope_server {
    pxb_ipv4_net scope;
    uint32_t server;                                  /* host order */
} pxb_scope_server;

typedef struct pxb_boot_plan {
    uint32_t server;                                  /* BootServer, host order; 0 = unset */
    char stage[PXB_STAGE_COUNT][PXB_PLAN_VALUE_MAX];  /* per stage; "" = no rule */
    char script_url[PXB_PLAN_VALUE_MAX];              /* ScriptUrl; "" = tftp://server/boot.ipxe */
    int embedded_script;                              /* EmbeddedScript: no iPXE rule */
    pxb_ipv4_net scopes[PXB_PLAN_SCOPES_MAX];         /* Scopes; none = server level */
    size_t scope_count;
    pxb_scope_server scope_servers[PXB_PLAN_SCOPES_MAX]; /* ScopeBootServers; none = every
                                                      scope boots from BootServer */
    size_t scope_server_count;
    pxb_mac excluded[PXB_PLAN_MACS_MAX];              /* ExcludeMacs */
    size_t excluded_count;
    char boot_target[PXB_PLAN_VALUE_MAX];             /* BootTarget: what boot.ipxe chains */
    unsigned menu_timeout_s;                          /* MenuTimeout: 0 = no menu */
    char grub[PXB_GRUB_CPUS][PXB_GRUB_FIELDS][PXB_PLAN_VALUE_MAX]; /* what the generated
                                                      GRUB menu boots, per CPU */
    int proxy_dhcp;                                   /* ProxyDhcp: enum pxb_proxy_mode */
} pxb_boot_plan;

const pxb_stage_info *pxb_stage(enum pxb_stage stage);
/* The stage whose rule covers this architecture, or NULL if no stage does. */
const pxb_stage_info *pxb_stage_for_arch(unsigned arch, enum pxb_stage *which);

void pxb_plan_defaults(pxb_boot_plan *plan);

/* Sets one setting from text; name is matched case-insensitively. Returns 0, or -1 with a
 * message naming the setting, the bad value and what is allowed (plan unchanged). */
int pxb_plan_set(pxb_boot_plan *plan, const char *name, const char *value, pxb_error *err);
/* Writes a setting's value in the form pxb_plan_set accepts. -1 if the name is unknown or
 * out is too small. */
int pxb_plan_get(const pxb_boot_plan *plan, const char *name, char *out, size_t out_len);
/* The table of the boot plan's settings (setting.h): names, kinds, defaults, help. */
const pxb_setting_table *pxb_plan_table(void);

/* Checks the rules that span settings (a boot server, something to hand out, no loop).
 * Returns 0, or -1 with a message naming the setting. */
int pxb_plan_validate(const pxb_boot_plan *plan, pxb_error *err);

/* Builds a plan from defaults plus "Name=value" lines (blank lines and lines starting with
 * '#' or ';' are skipped) and validates it; only then is *plan replaced. Returns 0, or -1
 * with "line N: " and the setting's message. */
int pxb_plan_parse(const char *text, pxb_boot_plan *plan, pxb_error *err);
/* Writes every setting as "Name=value\n", in table order. Returns the length the whole text
 * needs (NUL excluded); the output is complete when that is below out_len. */
size_t pxb_plan_format(const pxb_boot_plan *plan, char *out, size_t out_len);

/* The URL iPXE clients get: ScriptUrl, or tftp://<BootServer>/boot.ipxe. */
void pxb_plan_script_url(const pxb_boot_plan *plan, char out[PXB_PLAN_VALUE_MAX]);
/* True if value (a file name or URL) ends in one of the plan's first-stage file names:
 * handed to iPXE, it would load iPXE again. */
int pxb_plan_is_first_stage(const pxb_boot_plan *plan, const char *value);
/* The NAME of BootTarget=winpe:NAME, or NULL when BootTarget is a URL or empty. */
const char *pxb_plan_winpe_target(const pxb_boot_plan *plan);
int pxb_plan_is_excluded(const pxb_boot_plan *plan, const pxb_mac *mac);
/* The boot server of the clients of the scope with this network address (host order): its
 * ScopeBootServers item's, else BootServer. */
uint32_t pxb_plan_scope_server(const pxb_boot_plan *plan, uint32_t network);
/* A copy of plan keeping only the Scopes whose network address (host order) is among
 * subnets[0..count), and the ScopeBootServers items of those scopes. NOTE: a plan whose
 * Scopes are all left out comes out with no Scopes, which means the whole server: check
 * out->scope_count when plan->scope_count > 0. */
void pxb_plan_keep_scopes(const pxb_boot_plan *plan, const uint32_t *subnets, size_t count,
                          pxb_boot_plan *out);

/* --- rules: the plan as an ordered list, the form every DHCP server view takes --------- */

enum pxb_rule_kind {
    PXB_RULE_EXCLUDE, /* MAC in ExcludeMacs: no boot options. Checked first; on Microsoft DHCP
                         it is no policy but a "MAC address is not ..." condition on each */
    PXB_RULE_IPXE,    /* user class "iPXE": the boot script */
    PXB_RULE_STAGE    /* an architecture: its first-stage image or HTTP boot URL */
};

#define PXB_RULES_MAX (2 + PXB_STAGE_COUNT)
#define PXB_RULE_NAME_MAX 64
#define PXB_RULE_SUMMARY_MAX 400
#define PXB_CLASS_NAME_MAX 48

/* One vendor class (option 60 prefix) an architecture rule matches. */
typedef struct pxb_rule_vendor {
    unsigned arch;                        /* option 93 value */
    char prefix[PXB_VENDOR_PREFIX_MAX];   /* option 60 begins with this */
    char class_name[PXB_CLASS_NAME_MAX];  /* server-side vendor class with this data */
} pxb_rule_vendor;

typedef struct pxb_rule {
    enum pxb_rule_kind kind;
    unsigned order;                       /* processing order: 1 first; 0 = before all */
    char label[PXB_RULE_NAME_MAX];        /* "iPXE", "x64 UEFI" */
    char policy[PXB_RULE_NAME_MAX];       /* Microsoft DHCP policy name, "pxebridge x64 UEFI" */
    const char *id;                       /* "ipxe", "uefi-x64", "excluded" */
    /* match */
    enum pxb_stage stage;                 /* PXB_RULE_STAGE only */
    pxb_rule_vendor vendors[PXB_STAGE_ARCHES_MAX]; /* any of them (PXB_RULE_STAGE) */
    size_t vendor_count;
    int not_ipxe;                         /* and the user class is not "iPXE" */
    int not_excluded;                     /* and the MAC is not in ExcludeMacs */
    /* what the client receives */
    uint32_t next_server;                 /* option 066 / next-server; 0 = none */
    char boot_file[PXB_PLAN_VALUE_MAX];   /* option 067 / filename; "" = none */
    int http_client;                      /* option 060 = "HTTPClient" */
    enum pxb_first_stage first_stage;     /* UEFI PXE stages: what boot_file is */
    char summary[PXB_RULE_SUMMARY_MAX];   /* one line for people, starts with PXB_OWNER_MARK */
} pxb_rule;

typedef struct pxb_rule_list {
    pxb_rule rules[PXB_RULES_MAX];
    size_t count;
} pxb_rule_list;

/* Derives the rules in loop-safe order: the MAC exclusion (if any), the iPXE rule (unless
 * EmbeddedScript), then one rule per configured stage, each also requiring "user class is
 * not iPXE" so that no ordering mistake on a server can hand iPXE its own image again. */
void pxb_plan_rules(const pxb_boot_plan *plan, pxb_rule_list *out);
/* The rules for the clients of the scope with this network address (host order): those of
 * pxb_plan_rules with the scope's boot server (pxb_plan_scope_server) in 066 / next-server,
 * in the summaries and in the default script URL tftp://<server>/boot.ipxe. */
void pxb_plan_scope_rules(const pxb_boot_plan *plan, uint32_t network, pxb_rule_list *out);

#endif
