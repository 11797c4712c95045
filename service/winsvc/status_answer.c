/* status_answer.c: the status pipe's answers (see status_answer.h). */
#include "status_answer.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "journey_report.h"
#include "status_proto.h"
#include "status_report.h"

/* How long to wait for the run thread's snapshot, and how often to ask again meanwhile. */
#define SNAPSHOT_WAIT_MS 3000
#define SNAPSHOT_POLL_MS 5
#define SNAPSHOT_ASK_EVERY 20

static const char *outcome_name(enum pxb_dhcp_check_outcome outcome)
{
    switch (outcome) {
    case PXB_DHCP_CHECK_IN_LINE:
        return "in line";
    case PXB_DHCP_CHECK_DRIFT:
        return "drift";
    case PXB_DHCP_CHECK_REPAIRED:
        return "repaired";
    case PXB_DHCP_CHECK_FAILED:
        break;
    }
    return "failed";
}

/* Asks the run thread for a snapshot (holding key's journey; NULL: none) and waits for it.
 * Returns 0, or -1 if none came. */
static int snapshot(pxb_status_board *board, const journey_key *key, pxb_runtime_status *out)
{
    uint64_t ticket = pxb_status_board_ask_client(board, key);
    for (int i = 1; i <= SNAPSHOT_WAIT_MS / SNAPSHOT_POLL_MS; i++) {
        Sleep(SNAPSHOT_POLL_MS);
        if (pxb_status_board_read(board, ticket, out) == 0)
            return 0;
        if (i % SNAPSHOT_ASK_EVERY == 0)
            pxb_status_board_ask_client(board, key);
    }
    return -1;
}

static void answer_status(const pxb_status_source *src, pxb_json *j)
{
    pxb_runtime_status *rt = malloc(sizeof *rt);
    pxb_dhcp_check_result *results = malloc(PXB_MAX_DHCP_SERVERS * sizeof *results);
    pxb_status_server servers[PXB_MAX_DHCP_SERVERS];
    size_t count = 0;
    if (rt == NULL || results == NULL) {
        pxb_proto_error(j, "the service is out of memory");
    } else if (snapshot(src->board, NULL, rt) != 0) {
        pxb_proto_error(j, "the TFTP server did not answer within 3 s; try again");
    } else {
        if (src->dhcp != NULL)
            count = pxb_dhcp_check_results(src->dhcp, results, PXB_MAX_DHCP_SERVERS);
        count = count < PXB_MAX_DHCP_SERVERS ? count : PXB_MAX_DHCP_SERVERS;
        for (size_t i = 0; i < count; i++)
            servers[i] = (pxb_status_server){results[i].server, outcome_name(results[i].outcome),
                                             results[i].detail, results[i].checked_at};
        http_stats http;
        http_counters_read(src->http, &http);
        pxb_service_status st = {"running", src->started_at, src->started_ms, rt, servers, count,
                                 &http};
        pxb_status_report(j, &st);
    }
    free(results);
    free(rt);
}

/* "clients": every recent client in brief; "clients KEY": KEY's journey. */
static void answer_clients(const pxb_status_source *src, const char *key_text, pxb_json *j)
{
    journey_key key;
    if (key_text[0] && journey_parse_key(key_text, &key) != 0) {
        pxb_proto_error(j, "not an IP address or a MAC address");
        return;
    }
    pxb_runtime_status *rt = malloc(sizeof *rt);
    if (rt == NULL) {
        pxb_proto_error(j, "the service is out of memory");
    } else if (snapshot(src->board, key_text[0] ? &key : NULL, rt) != 0) {
        pxb_proto_error(j, "the TFTP server did not answer within 3 s; try again");
    } else if (key_text[0]) {
        pxb_client_report(j, rt, key_text);
    } else {
        pxb_clients_report(j, rt);
    }
    free(rt);
}

static void answer_log(const pxb_status_source *src, unsigned lines, pxb_json *j)
{
    size_t max = lines < PXB_LOG_RING_LINES ? lines : PXB_LOG_RING_LINES;
    pxb_log_entry *entries = malloc(max * sizeof *entries);
    if (entries == NULL) {
        pxb_proto_error(j, "the service is out of memory");
        return;
    }
    size_t count = pxb_log_ring_tail(src->ring, entries, max);
    pxb_status_log_report(j, entries, count);
    free(entries);
}

char *pxb_status_answer(void *ctx, const char *request, size_t len)
{
    const pxb_status_source *src = ctx;
    pxb_request req;
    pxb_error err = {0};
    pxb_json j;
    pxb_json_init(&j);
    if (pxb_proto_parse(request, len, &req, &err) != 0)
        pxb_proto_error(&j, err.text);
    else if (req.command == PXB_PROTO_STATUS)
        answer_status(src, &j);
    else if (req.command == PXB_PROTO_CLIENTS)
        answer_clients(src, req.key, &j);
    else
        answer_log(src, req.lines, &j);
    const char *text = pxb_json_text(&j);
    size_t n = text != NULL ? strlen(text) : 0;
    char *answer = text != NULL ? malloc(n + 2) : NULL;
    if (answer != NULL) {
        memcpy(answer, text, n);
        memcpy(answer + n, "\n", 2);
    }
    pxb_json_free(&j);
    return answer;
}
