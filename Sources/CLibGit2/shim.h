#define GIT_DEPRECATE_HARD
#include <git2.h>
