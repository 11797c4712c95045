/* ms_explain.h: what the Microsoft DHCP servers of a run (the one named and its failover
 * partners, ms_group.h) hand a given client now, read from each server, against what the boot
 * plan says it should get (explain.h): per server, each of 066 / 067 / 060 with where it comes
 * from (ms_answer.h), whether that is the plan's answer, and whether the partners answer
 * alike. A partner whose relationships do not hold the client's scope does not serve it and
 * is left out of the comparison. Pure C, no OS calls. */
#ifndef PXB_MS_EXPLAIN_H
#define PXB_MS_EXPLAIN_H

#include "dhcp_result.h"
#include "dhcp_sync.h"
#include "explain.h"
#include "ms_backend.h"

/* out: PXB_DHCP_OK when every server answers as the plan says, PXB_DHCP_CHANGES when one does
 * not, PXB_DHCP_FAILED when one could not be read; with the report as text and JSON. */
enum pxb_dhcp_status pxb_ms_explain(const pxb_boot_plan *plan, const pxb_client *client,
                                    const char *server, enum pxb_dhcp_reach reach,
                                    const pxb_ms_backend *be, pxb_dhcp_result *out);

#endif
