/* dhcp_check.c: the worker thread that checks the DHCP servers against the boot plan and
 * repairs drift when allowed (see dhcp_check.h). The settings, the plan and the results are
 * shared with the service's threads under one lock; the worker copies the settings before
 * a round of checks and never holds the lock while it talks to a server. */
#include "dhcp_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "dhcp_sync.h"
#include "log.h"
#include "win_text.h"

#define PROBLEM_MAX 512

/* What a round of checks runs with. */
typedef struct check_settings {
    char servers[PXB_MAX_DHCP_SERVERS][PXB_DHCP_SERVER_MAX];
    size_t server_count;
    uint32_t interval_s;        /* 0: only at start and after changes */
    uint32_t reconcile;
    enum pxb_dhcp_reach reach;  /* DhcpFailover */
    int plan_usable;
    pxb_boot_plan plan;
    char problem[PROBLEM_MAX];  /* why there is no usable plan */
} check_settings;

struct pxb_dhcp_check {
    SRWLOCK lock;                /* guards everything below but round and thread */
    CONDITION_VARIABLE wake;
    check_settings settings;
    int stopping;
    int check_now;
    ULONGLONG last_round_end;    /* GetTickCount64 */
    pxb_dhcp_check_result results[PXB_MAX_DHCP_SERVERS];
    size_t result_count;
    check_settings round;        /* the worker's copy for the round it runs */
    HANDLE thread;
};

/* --- settings ------------------------------------------------------------------------------ */

static void fill_settings(check_settings *s, const pxb_config *cfg, const pxb_boot_plan *plan,
                          const char *problem)
{
    memset(s, 0, sizeof *s);
    memcpy(s->servers, cfg->dhcp_servers, sizeof s->servers);
    s->server_count = cfg->dhcp_server_count;
    s->interval_s = cfg->dhcp_check_s;
    s->reconcile = cfg->dhcp_reconcile;
    s->reach = cfg->dhcp_failover ? PXB_DHCP_WITH_PARTNERS : PXB_DHCP_THIS_SERVER_ONLY;
    s->plan_usable = plan != NULL;
    if (plan != NULL)
        memcpy(&s->plan, plan, sizeof s->plan); /* bytewise, for checks_differ's memcmp */
    else
        snprintf(s->problem, sizeof s->problem, "%s", problem);
}

/* True if a and b check different things (the interval aside). */
static int checks_differ(const check_settings *a, const check_settings *b)
{
    return a->server_count != b->server_count ||
           memcmp(a->servers, b->servers, sizeof a->servers) != 0 ||
           a->reconcile != b->reconcile || a->reach != b->reach || a->plan_usable != b->plan_usable ||
           memcmp(&a->plan, &b->plan, sizeof a->plan) != 0 ||
           strcmp(a->problem, b->problem) != 0;
}

/* Drops the results of servers no longer listed. Called with the lock held. */
static void forget_unlisted(pxb_dhcp_check *dc)
{
    size_t kept = 0;
    for (size_t i = 0; i < dc->result_count; i++) {
        for (size_t s = 0; s < dc->settings.server_count; s++) {
            if (strcmp(dc->results[i].server, dc->settings.servers[s]) == 0) {
                dc->results[kept++] = dc->results[i];
                break;
            }
        }
    }
    dc->result_count = kept;
}

/* --- results ------------------------------------------------------------------------------- */

/* The result slot of server, added if new. Called with the lock held. */
static pxb_dhcp_check_result *result_of(pxb_dhcp_check *dc, const char *server)
{
    for (size_t i = 0; i < dc->result_count; i++) {
        if (strcmp(dc->results[i].server, server) == 0)
            return &dc->results[i];
    }
    if (dc->result_count == PXB_MAX_DHCP_SERVERS)
        return NULL; /* only servers still listed are kept, at most that many */
    pxb_dhcp_check_result *r = &dc->results[dc->result_count++];
    memset(r, 0, sizeof *r);
    snprintf(r->server, sizeof r->server, "%s", server);
    r->outcome = PXB_DHCP_CHECK_FAILED; /* never checked: not "in line" */
    return r;
}

/* Records the outcome of one check; returns the server's previous outcome, or
 * PXB_DHCP_CHECK_FAILED if it had none. */
static enum pxb_dhcp_check_outcome record(pxb_dhcp_check *dc, const char *server,
                                          enum pxb_dhcp_check_outcome outcome,
                                          const char *detail)
{
    enum pxb_dhcp_check_outcome before = PXB_DHCP_CHECK_FAILED;
    AcquireSRWLockExclusive(&dc->lock);
    pxb_dhcp_check_result *r = result_of(dc, server);
    if (r != NULL) {
        before = r->outcome;
        r->outcome = outcome;
        snprintf(r->detail, sizeof r->detail, "%s", detail);
        r->checked_at = time(NULL);
    }
    ReleaseSRWLockExclusive(&dc->lock);
    return before;
}

/* A report's lines joined with "; " into out, for one log line. */
static void flatten(const char *text, char *out, size_t out_len)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = text ? text : ""; *p && used + 1 < out_len;) {
        size_t len = strcspn(p, "\r\n");
        if (len > 0) {
            int n = snprintf(out + used, out_len - used, "%s%.*s", used ? "; " : "", (int)len,
                             p);
            if (n < 0)
                break;
            used += (size_t)n < out_len - used ? (size_t)n : out_len - used - 1;
        }
        p += len;
        p += strspn(p, "\r\n");
    }
}

/* --- checking ------------------------------------------------------------------------------ */

/* Runs action against server; the report, flattened, goes to detail, the number of its
 * warnings to *warnings (may be NULL). */
static enum pxb_dhcp_status run_action(enum pxb_dhcp_action action, const check_settings *s,
                                       const char *server, char *detail, size_t detail_len,
                                       size_t *warnings)
{
    pxb_dhcp_result result = {0};
    enum pxb_dhcp_status status = pxb_dhcp_run(action, &s->plan, server, s->reach, NULL, NULL,
                                                &result);
    flatten(result.text, detail, detail_len);
    if (detail[0] == '\0')
        snprintf(detail, detail_len, "no details were reported");
    if (warnings != NULL)
        *warnings = result.warnings;
    pxb_dhcp_result_free(&result);
    return status;
}

/* Repairs the drift just found on server. */
static void repair(pxb_dhcp_check *dc, const check_settings *s, const char *server)
{
    char detail[PXB_DHCP_CHECK_DETAIL_MAX];
    if (run_action(PXB_DHCP_APPLY, s, server, detail, sizeof detail, NULL) == PXB_DHCP_OK) {
        record(dc, server, PXB_DHCP_CHECK_REPAIRED, detail);
        pxb_log(PXB_LOG_INFO, PXB_EV_DHCP_REPAIRED,
                "DHCP server %s: brought the boot policies in line with the boot plan: %s",
                server, detail);
        return;
    }
    record(dc, server, PXB_DHCP_CHECK_FAILED, detail);
    pxb_log(PXB_LOG_ERROR, PXB_EV_DHCP_FAILED,
            "DHCP server %s: could not repair the boot policies: %s; 'pxebridge dhcp plan' "
            "shows the changes they need",
            server, detail);
}

/* The detail the server's last check recorded, into out. */
static void last_detail(pxb_dhcp_check *dc, const char *server, char *out, size_t len)
{
    out[0] = '\0';
    AcquireSRWLockShared(&dc->lock);
    for (size_t i = 0; i < dc->result_count; i++)
        if (strcmp(dc->results[i].server, server) == 0)
            snprintf(out, len, "%s", dc->results[i].detail);
    ReleaseSRWLockShared(&dc->lock);
}

/* In line, but the report warns of a setup that may keep clients from booting as planned
 * (option 060 PXEClient with nothing on port 4011, a ProxyDhcp mode that does not match what
 * the server sends, options that win over the policies): logged when it is new, so a mode
 * that does not match the server is said at start and not at every check. */
static void warn_in_line(pxb_dhcp_check *dc, const char *server, const char *detail)
{
    char before[PXB_DHCP_CHECK_DETAIL_MAX];

    last_detail(dc, server, before, sizeof before);
    record(dc, server, PXB_DHCP_CHECK_IN_LINE, detail);
    if (strcmp(before, detail) == 0)
        return;
    pxb_log(PXB_LOG_WARN, PXB_EV_DHCP_DRIFT,
            "DHCP server %s: the boot policies match the boot plan, but the server's setup "
            "needs a look: %s", server, detail);
}

static void check_server(pxb_dhcp_check *dc, const check_settings *s, const char *server)
{
    char detail[PXB_DHCP_CHECK_DETAIL_MAX];
    size_t warnings = 0;
    enum pxb_dhcp_status status = run_action(PXB_DHCP_VERIFY, s, server, detail, sizeof detail,
                                             &warnings);
    if (status == PXB_DHCP_FAILED) {
        record(dc, server, PXB_DHCP_CHECK_FAILED, detail);
        pxb_log(PXB_LOG_ERROR, PXB_EV_DHCP_FAILED,
                "DHCP server %s: cannot check the boot policies: %s", server, detail);
        return;
    }
    if (status == PXB_DHCP_OK && warnings > 0) {
        warn_in_line(dc, server, detail);
        return;
    }
    if (status == PXB_DHCP_OK) {
        enum pxb_dhcp_check_outcome before =
            record(dc, server, PXB_DHCP_CHECK_IN_LINE, "the boot policies match the boot plan");
        if (before != PXB_DHCP_CHECK_IN_LINE && before != PXB_DHCP_CHECK_REPAIRED)
            pxb_log(PXB_LOG_INFO, PXB_EV_DHCP_IN_LINE,
                    "DHCP server %s: the boot policies match the boot plan", server);
        return;
    }
    pxb_log(PXB_LOG_WARN, PXB_EV_DHCP_DRIFT,
            "DHCP server %s: the boot policies differ from the boot plan: %s; %s", server,
            detail,
            s->reconcile ? "repairing them (DhcpReconcile=1)"
                         : "run 'pxebridge dhcp apply' or set DhcpReconcile=1 to repair them");
    if (s->reconcile) {
        repair(dc, s, server);
        return;
    }
    record(dc, server, PXB_DHCP_CHECK_DRIFT, detail);
}

static int stop_requested(pxb_dhcp_check *dc)
{
    AcquireSRWLockShared(&dc->lock);
    int stopping = dc->stopping;
    ReleaseSRWLockShared(&dc->lock);
    return stopping;
}

/* One round: every server of s, unless a stop comes first. */
static void check_all(pxb_dhcp_check *dc, const check_settings *s)
{
    if (s->server_count > 0 && !s->plan_usable) {
        char detail[PXB_DHCP_CHECK_DETAIL_MAX];
        snprintf(detail, sizeof detail, "the boot plan is not usable: %s", s->problem);
        for (size_t i = 0; i < s->server_count; i++)
            record(dc, s->servers[i], PXB_DHCP_CHECK_FAILED, detail);
        pxb_log(PXB_LOG_ERROR, PXB_EV_DHCP_FAILED,
                "DHCP servers not checked: %s; fix the values under "
                "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters\\BootPlan "
                "('pxebridge config show')",
                detail);
        return;
    }
    for (size_t i = 0; i < s->server_count && !stop_requested(dc); i++)
        check_server(dc, s, s->servers[i]);
}

/* Milliseconds until the next round is due; INFINITE if only a change starts one. Called
 * with the lock held. */
static DWORD time_to_next_round(const pxb_dhcp_check *dc)
{
    if (dc->settings.interval_s == 0)
        return INFINITE;
    ULONGLONG due = dc->last_round_end + (ULONGLONG)dc->settings.interval_s * 1000;
    ULONGLONG now = GetTickCount64();
    return due <= now ? 0 : (DWORD)(due - now);
}

static DWORD WINAPI run_worker(void *arg)
{
    pxb_dhcp_check *dc = arg;
    AcquireSRWLockExclusive(&dc->lock);
    while (!dc->stopping) {
        DWORD wait = time_to_next_round(dc);
        if (!dc->check_now && wait != 0) {
            SleepConditionVariableSRW(&dc->wake, &dc->lock, wait, 0);
            continue;
        }
        dc->check_now = 0;
        dc->round = dc->settings;
        ReleaseSRWLockExclusive(&dc->lock);
        check_all(dc, &dc->round);
        AcquireSRWLockExclusive(&dc->lock);
        dc->last_round_end = GetTickCount64();
    }
    ReleaseSRWLockExclusive(&dc->lock);
    return 0;
}

/* --- the interface ------------------------------------------------------------------------- */

pxb_dhcp_check *pxb_dhcp_check_start(const pxb_config *cfg, const pxb_boot_plan *plan,
                                     const char *problem, pxb_error *err)
{
    pxb_dhcp_check *dc = calloc(1, sizeof *dc);
    if (dc == NULL) {
        pxb_error_set(err, "cannot start the DHCP check: out of memory");
        return NULL;
    }
    InitializeSRWLock(&dc->lock);
    InitializeConditionVariable(&dc->wake);
    fill_settings(&dc->settings, cfg, plan, problem);
    dc->check_now = 1;
    dc->thread = CreateThread(NULL, 0, run_worker, dc, 0, NULL);
    if (dc->thread == NULL) {
        char reason[256];
        pxb_describe_error(GetLastError(), reason, sizeof reason);
        pxb_error_set(err, "cannot start the DHCP check's thread: %s", reason);
        free(dc);
        return NULL;
    }
    return dc;
}

void pxb_dhcp_check_update(pxb_dhcp_check *dc, const pxb_config *cfg,
                           const pxb_boot_plan *plan, const char *problem)
{
    check_settings *next = malloc(sizeof *next);
    if (next == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_DHCP_FAILED,
                "the DHCP check keeps its old settings: out of memory");
        return;
    }
    fill_settings(next, cfg, plan, problem);
    AcquireSRWLockExclusive(&dc->lock);
    if (checks_differ(&dc->settings, next))
        dc->check_now = 1;
    dc->settings = *next;
    forget_unlisted(dc);
    WakeConditionVariable(&dc->wake);
    ReleaseSRWLockExclusive(&dc->lock);
    free(next);
}

size_t pxb_dhcp_check_results(pxb_dhcp_check *dc, pxb_dhcp_check_result *out, size_t max)
{
    AcquireSRWLockShared(&dc->lock);
    size_t count = dc->result_count;
    memcpy(out, dc->results, (count < max ? count : max) * sizeof *out);
    ReleaseSRWLockShared(&dc->lock);
    return count;
}

int pxb_dhcp_check_stop(pxb_dhcp_check *dc, unsigned long wait_ms)
{
    AcquireSRWLockExclusive(&dc->lock);
    dc->stopping = 1;
    WakeConditionVariable(&dc->wake);
    ReleaseSRWLockExclusive(&dc->lock);
    if (WaitForSingleObject(dc->thread, wait_ms) != WAIT_OBJECT_0)
        return -1;
    CloseHandle(dc->thread);
    free(dc);
    return 0;
}
