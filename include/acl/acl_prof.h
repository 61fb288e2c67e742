// aclsim — include/acl/acl_prof.h: profiling control, subscription data accessors and msproftx stamps.
// SPDX-License-Identifier: Apache-2.0

#ifndef ACLSIM_ACL_ACL_PROF_H_
#define ACLSIM_ACL_ACL_PROF_H_

// Export attribute used by the profiling entry points (not ACL_FUNC_VISIBILITY).
#if (defined(_WIN32) || defined(_WIN64) || defined(_MSC_VER))
#define MSVP_PROF_API __declspec(dllexport)
#else
#define MSVP_PROF_API __attribute__((visibility("default")))
#endif

#include "acl_base.h"

#ifdef __cplusplus
extern "C" {
#endif

// ---- Data-type switches for aclprofCreateConfig (bit mask) ----
#define ACL_PROF_ACL_API                0x0001ULL
#define ACL_PROF_TASK_TIME              0x0002ULL
#define ACL_PROF_AICORE_METRICS         0x0004ULL
#define ACL_PROF_AICPU                  0x0008ULL
#define ACL_PROF_L2CACHE                0x0010ULL
#define ACL_PROF_HCCL_TRACE             0x0020ULL
#define ACL_PROF_TRAINING_TRACE         0x0040ULL
#define ACL_PROF_MSPROFTX               0x0080ULL
#define ACL_PROF_RUNTIME_API            0x0100ULL
#define ACL_PROF_FWK_SCHEDULE_L0        0x0200ULL
#define ACL_PROF_TASK_TIME_L0           0x0800ULL
#define ACL_PROF_TASK_MEMORY            0x1000ULL
#define ACL_PROF_FWK_SCHEDULE_L1        0x01000000ULL
#define ACL_PROF_TASK_TIME_L2           0x2000ULL
#define ACL_PROF_OP_ATTR                0x4000ULL

// Fixed name/type buffer sizes; deprecated, query aclprofGetOpNameLen / aclprofGetOpTypeLen instead.
#define ACL_PROF_MAX_OP_NAME_LEN        257
#define ACL_PROF_MAX_OP_TYPE_LEN        65

// ---- Enumerations ----

// Which AI Core metric group to sample.
typedef enum {
    ACL_AICORE_ARITHMETIC_UTILIZATION   = 0,
    ACL_AICORE_PIPE_UTILIZATION         = 1,
    ACL_AICORE_MEMORY_BANDWIDTH         = 2,
    ACL_AICORE_L0B_AND_WIDTH            = 3,
    ACL_AICORE_RESOURCE_CONFLICT_RATIO  = 4,
    ACL_AICORE_MEMORY_UB                = 5,
    ACL_AICORE_L2_CACHE                 = 6,
    ACL_AICORE_PIPE_EXECUTE_UTILIZATION = 7,
    ACL_AICORE_NONE                     = 0xFF
} aclprofAicoreMetrics;

// Marks the beginning or end of a training step.
typedef enum {
    ACL_STEP_START = 0,
    ACL_STEP_END   = 1
} aclprofStepTag;

// Kind of record found in subscription data.
typedef enum {
    ACL_SUBSCRIBE_OP        = 0,
    ACL_SUBSCRIBE_SUBGRAPH  = 1,
    ACL_SUBSCRIBE_OP_THREAD = 2,
    ACL_SUBSCRIBE_NONE      = 0xFF
} aclprofSubscribeOpFlag;

// Per-op attribute that can be read back from subscription data.
typedef enum {
    ACL_SUBSCRIBE_ATTRI_THREADID = 0,
    ACL_SUBSCRIBE_ATTRI_NONE     = 1
} aclprofSubscribeOpAttri;

// Keys accepted by aclprofSetConfig.
typedef enum {
    ACL_PROF_ARGS_MIN                 = 0,
    ACL_PROF_STORAGE_LIMIT            = 1,
    ACL_PROF_SYS_HARDWARE_MEM_FREQ    = 3,
    ACL_PROF_LLC_MODE                 = 4,
    ACL_PROF_SYS_IO_FREQ              = 5,
    ACL_PROF_SYS_INTERCONNECTION_FREQ = 6,
    ACL_PROF_DVPP_FREQ                = 7,
    ACL_PROF_HOST_SYS                 = 8,
    ACL_PROF_HOST_SYS_USAGE           = 9,
    ACL_PROF_HOST_SYS_USAGE_FREQ      = 10,
    ACL_PROF_LOW_POWER_FREQ           = 11,
    ACL_PROF_SYS_MEM_SERVICEFLOW      = 12,
    ACL_PROF_ARGS_MAX                 = 13
} aclprofConfigType;

// ---- Opaque handles ----
typedef struct aclprofConfig aclprofConfig;
typedef struct aclprofStopConfig aclprofStopConfig;
typedef struct aclprofAicoreEvents aclprofAicoreEvents;
typedef struct aclprofSubscribeConfig aclprofSubscribeConfig;
typedef struct aclprofStepInfo aclprofStepInfo;

// ---- Session lifecycle ----

// Set up profiling, writing results under the given directory.
MSVP_PROF_API aclError aclprofInit(const char *profilerResultPath, size_t length);

// Tear down the profiling session opened by aclprofInit.
MSVP_PROF_API aclError aclprofFinalize();

// Begin / end collection for the devices and data types in a config.
MSVP_PROF_API aclError aclprofStart(const aclprofConfig *profilerConfig);
MSVP_PROF_API aclError aclprofStop(const aclprofConfig *profilerConfig);

// Build and release a collection config.
MSVP_PROF_API aclprofConfig *aclprofCreateConfig(uint32_t *deviceIdList, uint32_t deviceNums,
                                                 aclprofAicoreMetrics aicoreMetrics,
                                                 const aclprofAicoreEvents *aicoreEvents,
                                                 uint64_t dataTypeConfig);
MSVP_PROF_API aclError aclprofDestroyConfig(const aclprofConfig *profilerConfig);

// Set one extra collection option by key.
MSVP_PROF_API aclError aclprofSetConfig(aclprofConfigType configType, const char *config, size_t configLength);

// ---- Model subscription ----

// Start / stop streaming per-op timing of a loaded model to a subscriber.
MSVP_PROF_API aclError aclprofModelSubscribe(uint32_t modelId, const aclprofSubscribeConfig *profSubscribeConfig);
MSVP_PROF_API aclError aclprofModelUnSubscribe(uint32_t modelId);

// Build and release a subscription config (fd points at the write end of a pipe).
MSVP_PROF_API aclprofSubscribeConfig *aclprofCreateSubscribeConfig(int8_t timeInfoSwitch,
                                                                   aclprofAicoreMetrics aicoreMetrics, void *fd);
MSVP_PROF_API aclError aclprofDestroySubscribeConfig(const aclprofSubscribeConfig *profSubscribeConfig);

// ---- Reading subscription records ----

// Size in bytes of one op record.
MSVP_PROF_API aclError aclprofGetOpDescSize(size_t *opDescSize);

// Number of op records contained in a buffer.
MSVP_PROF_API aclError aclprofGetOpNum(const void *opInfo, size_t opInfoLen, uint32_t *opNumber);

// Length and text of the op type of record `index`.
MSVP_PROF_API aclError aclprofGetOpTypeLen(const void *opInfo, size_t opInfoLen, uint32_t index,
                                           size_t *opTypeLen);
MSVP_PROF_API aclError aclprofGetOpType(const void *opInfo, size_t opInfoLen, uint32_t index,
                                        char *opType, size_t opTypeLen);

// Length and text of the op name of record `index`.
MSVP_PROF_API aclError aclprofGetOpNameLen(const void *opInfo, size_t opInfoLen, uint32_t index,
                                           size_t *opNameLen);
MSVP_PROF_API aclError aclprofGetOpName(const void *opInfo, size_t opInfoLen, uint32_t index,
                                        char *opName, size_t opNameLen);

// Start, end and elapsed time (microseconds) of record `index`; 0 on error.
MSVP_PROF_API uint64_t aclprofGetOpStart(const void *opInfo, size_t opInfoLen, uint32_t index);
MSVP_PROF_API uint64_t aclprofGetOpEnd(const void *opInfo, size_t opInfoLen, uint32_t index);
MSVP_PROF_API uint64_t aclprofGetOpDuration(const void *opInfo, size_t opInfoLen, uint32_t index);

// Model id the record belongs to; 0 on error.
MSVP_PROF_API size_t aclprofGetModelId(const void *opInfo, size_t opInfoLen, uint32_t index);

// Record kind; ACL_SUBSCRIBE_NONE on error.
MSVP_PROF_API aclprofSubscribeOpFlag aclprofGetOpFlag(const void *opInfo, size_t opInfoLen, uint32_t index);

// Attribute value string of record `index`; NULL on error.
MSVP_PROF_API const char *aclprofGetOpAttriValue(const void *opInfo, size_t opInfoLen, uint32_t index,
                                                 aclprofSubscribeOpAttri attri);

// ---- Training step markers ----

// Record a step start/end timestamp on a stream.
MSVP_PROF_API aclError aclprofGetStepTimestamp(aclprofStepInfo *stepInfo, aclprofStepTag tag, aclrtStream stream);

// Allocate and free a step-info object.
MSVP_PROF_API aclprofStepInfo *aclprofCreateStepInfo();
MSVP_PROF_API void aclprofDestroyStepInfo(aclprofStepInfo *stepinfo);

// ---- msproftx stamps ----

// Allocate and free a stamp.
MSVP_PROF_API void *aclprofCreateStamp();
MSVP_PROF_API void aclprofDestroyStamp(void *stamp);

// Nested push/pop timestamps.
MSVP_PROF_API aclError aclprofPush(void *stamp);
MSVP_PROF_API aclError aclprofPop();

// Open and close a range identified by rangeId.
MSVP_PROF_API aclError aclprofRangeStart(void *stamp, uint32_t *rangeId);
MSVP_PROF_API aclError aclprofRangeStop(uint32_t rangeId);

// Attach a message to a stamp.
MSVP_PROF_API aclError aclprofSetStampTraceMessage(void *stamp, const char *msg, uint32_t msgLen);

// Record a single point-in-time mark.
MSVP_PROF_API aclError aclprofMark(void *stamp);

#ifdef __cplusplus
}
#endif

#endif  // ACLSIM_ACL_ACL_PROF_H_
