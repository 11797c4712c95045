/* status_doc.h: the status document (status_report.c) written for a service status and
 * parsed back, for the unit tests of its parts (test_http_stats.c, test_status_report.c). */
#ifndef PXB_TEST_STATUS_DOC_H
#define PXB_TEST_STATUS_DOC_H

#include <string.h>

#include "json_reader.h"
#include "json_writer.h"
#include "status_report.h"

/* The document of st, parsed (NULL if it does not parse); j holds its text until
 * pxb_json_free. Release the result with pxb_json_release. */
static inline pxb_jvalue *status_doc(const pxb_service_status *st, pxb_json *j)
{
    pxb_json_init(j);
    pxb_status_report(j, st);
    const char *text = pxb_json_text(j);
    return pxb_json_parse(text, strlen(text), NULL);
}

#endif
