/* ms_report.h: the report of one plan / apply / verify / remove run against a Microsoft DHCP
 * server, as text for people (one line per change or drift, the findings, a summary, the
 * cause of a failure with advice and what was undone) and as a JSON object with the same
 * content. Pure C, no OS calls. */
#ifndef PXB_MS_REPORT_H
#define PXB_MS_REPORT_H

#include "dhcp_result.h"
#include "ms_diff.h"
#include "ms_state.h"

#define PXB_MS_CAUSE_MAX 1024

typedef struct pxb_ms_outcome {
    enum pxb_dhcp_action action;
    enum pxb_dhcp_status status;
    const char *server;          /* NULL / "" = this machine */
    const pxb_ms_state *have;    /* NULL if the server could not be read */
    const pxb_ms_diff *diff;     /* NULL if there is none */
    size_t done;                 /* changes carried out (apply, remove) */
    int failed;                  /* reading or a change failed: cause says why */
    char cause[PXB_MS_CAUSE_MAX];
    size_t undone;               /* changes undone after the failure */
    int undo_failed;             /* undoing failed too: undo_cause says why */
    char undo_cause[PXB_MS_CAUSE_MAX];
    const char *undone_for;      /* the changes were undone because the run failed on this
                                    other server (a failover partner); NULL if not */
} pxb_ms_outcome;

/* Fills out->text and out->json (malloc'd) and out->status. Returns 0, or -1 if out of
 * memory (both NULL then). */
int pxb_ms_report(const pxb_ms_outcome *o, pxb_dhcp_result *out);

/* The pieces, for a report that holds several servers (ms_group_report.c): the text; the
 * JSON object's members without its braces; a JSON string. */
void pxb_ms_report_text(const pxb_ms_outcome *o, pxb_text *t);
void pxb_ms_report_json_members(const pxb_ms_outcome *o, pxb_text *t);
void pxb_ms_report_json_string(pxb_text *t, const char *s);
/* How many of a diff's findings are warnings; 0 for NULL. */
size_t pxb_ms_count_warnings(const pxb_ms_diff *d);
/* A list of findings as a JSON array. */
void pxb_ms_report_json_findings(const pxb_ms_diff *d, pxb_text *t);
/* Writes a report twice, once to measure and once into a malloc'd buffer of that size;
 * NULL if out of memory. */
typedef void (*pxb_ms_write_fn)(const void *what, pxb_text *t);
char *pxb_ms_render(const void *what, pxb_ms_write_fn write);

#endif
