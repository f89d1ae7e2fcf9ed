/*
 * Not a library: the Windows build of the stand-ins compiles this file only to check (-fsyntax-only) the
 * layouts and values main/native/connection-peers-windows.ts uses against mingw-w64's iprtrmib.h and
 * tlhelp32.h (x64). main/native/connection-peers.test.ts checks the koffi structs against the same numbers.
 */
#include <stddef.h>

#include <winsock2.h>
#include <windows.h>
#include <iphlpapi.h>
#include <tlhelp32.h>

_Static_assert(TCP_TABLE_OWNER_PID_CONNECTIONS == 4, "TCP_TABLE_CLASS");
_Static_assert(AF_INET == 2 && AF_INET6 == 23, "address families");
_Static_assert(TH32CS_SNAPPROCESS == 0x2 && PROCESS_QUERY_LIMITED_INFORMATION == 0x1000, "toolhelp and process access");
_Static_assert(sizeof(MIB_TCPROW_OWNER_PID) == 24 && offsetof(MIB_TCPROW_OWNER_PID, dwOwningPid) == 20, "MIB_TCPROW_OWNER_PID");
_Static_assert(offsetof(MIB_TCPTABLE_OWNER_PID, table) == 4, "MIB_TCPTABLE_OWNER_PID");
_Static_assert(sizeof(MIB_TCP6ROW_OWNER_PID) == 56 && offsetof(MIB_TCP6ROW_OWNER_PID, dwRemotePort) == 44 &&
                   offsetof(MIB_TCP6ROW_OWNER_PID, dwOwningPid) == 52,
               "MIB_TCP6ROW_OWNER_PID");
_Static_assert(offsetof(MIB_TCP6TABLE_OWNER_PID, table) == 4, "MIB_TCP6TABLE_OWNER_PID");
_Static_assert(sizeof(PROCESSENTRY32W) == 568 && offsetof(PROCESSENTRY32W, th32ProcessID) == 8 &&
                   offsetof(PROCESSENTRY32W, th32ParentProcessID) == 32 && offsetof(PROCESSENTRY32W, szExeFile) == 44,
               "PROCESSENTRY32W");
_Static_assert(ERROR_INSUFFICIENT_BUFFER == 122, "GetExtendedTcpTable's retry code");
