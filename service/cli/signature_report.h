/* signature_report.h: a UEFI image's Authenticode signatures (authenticode.h) as
 * `pxebridge firmware list|verify` and `explain` show them: one JSON object, or one text
 * line for people. */
#ifndef PXB_CLI_SIGNATURE_REPORT_H
#define PXB_CLI_SIGNATURE_REPORT_H

#include "authenticode.h"
#include "json_writer.h"

/* {"status": "signed", "secure_boot": "accepted"|"refused", "signers": [{"issuer",
 * "signer"}], "text": ..., "error": ...} as the value of the current key. */
void cli_json_signature(pxb_json *j, const pxb_signatures *sigs);
/* "LEAD signed by ...\n" on standard output. */
void cli_print_signature(const char *lead, const pxb_signatures *sigs);

#endif
