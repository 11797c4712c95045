/* st_failover_enum.c: R_DhcpV4FailoverEnumRelationship (MS-DHCPM 3.2.4.94): PreferredMaximum
 * is bytes; as many records as fit, ERROR_MORE_DATA while records remain, ERROR_SUCCESS with
 * the last batch (not ERROR_NO_MORE_ITEMS as the policies' enumeration), ERROR_NO_MORE_ITEMS
 * only for a resume handle at the end or an empty list; relationshipTotal counts the records
 * not yet enumerated; every block of a batch is counted. Runs after st_failover_scopes.c:
 * the local server holds two relationships (with w2016 and with w2012), FO_MAX_SERVER 31. */
#include <stdio.h>
#include <wchar.h>

#include "selftest.h"

#define CALLS_MAX 40

typedef struct batch_seen {
    DWORD count;
    DWORD read;
    DWORD total;
    wchar_t first[16];
} batch_seen;

static DWORD enum_once(const wchar_t *server, DHCP_RESUME_HANDLE *resume, DWORD pref_max,
                       batch_seen *seen)
{
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array = NULL;
    DWORD rc = api.EnumRelationship((LPWSTR)server, resume, pref_max, &array, &seen->read,
                                    &seen->total);
    seen->count = array ? array->numElements : 0;
    seen->first[0] = 0;
    if (seen->count)
        wcsncpy(seen->first, array->pRelationships[0].relationshipName, 15);
    seen->first[15] = 0;
    free_relationship_array(array);
    return rc;
}

static void test_parameters(void)
{
    DHCP_RESUME_HANDLE resume = 0;
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array = NULL;
    DWORD read, total;
    int all = api.EnumRelationship(NULL, &resume, ANY_SIZE, NULL, &read, &total) ==
                  ERROR_INVALID_PARAMETER &&
              api.EnumRelationship(NULL, &resume, ANY_SIZE, &array, NULL, &total) ==
                  ERROR_INVALID_PARAMETER &&
              api.EnumRelationship(NULL, &resume, ANY_SIZE, &array, &read, NULL) ==
                  ERROR_INVALID_PARAMETER;
    check(all, "3.2.4.94 pRelationship, relationshipRead or relationshipTotal NULL: 87");
    check(tool(L"set-fault local deny-all"), "deny all");
    expect(api.EnumRelationship(NULL, &resume, ANY_SIZE, NULL, &read, &total),
           ERROR_INVALID_PARAMETER, "3.2.4.94 parameters first");
    expect(api.EnumRelationship(NULL, &resume, ANY_SIZE, &array, &read, &total),
           ERROR_ACCESS_DENIED, "a failover enumeration is a read: deny-all refuses it (3.5.4)");
    check(tool(L"set-fault local none"), "clear");
}

static void test_small_lists(void)
{
    DHCP_RESUME_HANDLE resume = 0;
    batch_seen seen;
    expect(enum_once(SERVER_2012, &resume, ANY_SIZE, &seen), ERROR_NO_MORE_ITEMS,
           "3.2.4.94 a server without relationships: ERROR_NO_MORE_ITEMS");
    check(seen.count == 0 && seen.read == 0, "and no batch");
    expect(enum_once(NULL, &resume, 0, &seen), ERROR_MORE_DATA,
           "3.2.4.94 PreferredMaximum 0 holds none: ERROR_MORE_DATA");
    check(seen.count == 0 && resume == 0 && seen.total == 2, "no batch, resume unchanged, 2 left");
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array = NULL;
    DWORD read = 0, total = 9, before = api.Outstanding(NULL);
    expect(api.EnumRelationship(NULL, &resume, ANY_SIZE, &array, &read, &total), ERROR_SUCCESS,
           "3.2.4.94 everything fits: ERROR_SUCCESS");
    check(array && array->numElements == 2 && read == 2 && total == 0 && resume == 2,
          "both relationships, none left, resume 2");
    check(array && array->numElements == 2 &&
              array->pRelationships[0].secondaryServer != array->pRelationships[1].secondaryServer &&
              array->pRelationships[0].primaryServer == ADDR_LOCAL &&
              array->pRelationships[1].primaryServer == ADDR_LOCAL,
          "two relationships of the local server with different partners");
    expect(api.Outstanding(NULL) - before, 14, "14 blocks: the array, its elements, 6 per record");
    free_relationship_array(array);
    expect(enum_once(NULL, &resume, ANY_SIZE, &seen), ERROR_NO_MORE_ITEMS,
           "3.2.4.94 resume handle at the end: ERROR_NO_MORE_ITEMS");
}

/* 31 records through a budget of a few: every record once, in order. */
static void test_pages(void)
{
    DHCP_RESUME_HANDLE resume = 0;
    batch_seen seen;
    DWORD rc = ERROR_MORE_DATA, calls = 0, records = 0, in_order = 1, totals = 1, partial = 1;
    wchar_t want[16];
    while (rc == ERROR_MORE_DATA && calls++ < CALLS_MAX) {
        DWORD was = resume;
        rc = enum_once(FO_MAX_SERVER, &resume, 8 * sizeof(DHCP_FAILOVER_RELATIONSHIP), &seen);
        swprintf(want, 16, L"max%02lu", (unsigned long)was);
        in_order &= seen.count == 0 || wcscmp(seen.first, want) == 0;
        totals &= seen.read == seen.count && seen.total == 31 - resume && resume == was + seen.count;
        partial &= seen.count < 8;
        records += seen.count;
    }
    expect(rc, ERROR_SUCCESS, "3.2.4.94 the last batch answers ERROR_SUCCESS");
    check(records == 31 && calls > 3, "31 records over several batches of a small budget");
    check(partial, "no batch holds more records than 8 structures' bytes allow");
    check(in_order, "each batch continues where the resume handle points");
    check(totals, "relationshipRead the batch, relationshipTotal those not yet enumerated, "
                  "resume handle the index after the last read");
    expect(enum_once(FO_MAX_SERVER, &resume, ANY_SIZE, &seen), ERROR_NO_MORE_ITEMS,
           "then ERROR_NO_MORE_ITEMS");
    check(tool(L"set-fault fomax page-max 1"), "variant: at most 1 per call");
    resume = 0;
    calls = records = 0;
    rc = ERROR_MORE_DATA;
    while (rc == ERROR_MORE_DATA && calls++ < CALLS_MAX) {
        rc = enum_once(FO_MAX_SERVER, &resume, ANY_SIZE, &seen);
        records += seen.count == 1;
    }
    check(rc == ERROR_SUCCESS && calls == 31 && records == 31, "page-max 1: 31 calls of 1");
    check(tool(L"set-fault fomax none"), "variant off");
}

void test_failover_enum(void)
{
    test_parameters();
    test_small_lists();
    test_pages();
}
