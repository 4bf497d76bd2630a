# Included right after llama-cpp-python's project() (CMAKE_PROJECT_llama_cpp_INCLUDE, see
# scripts/setup.sh). llama-cpp-python forces LLAMA_BUILD_COMMON=ON as a cache variable, yet its
# Python code never loads libllama-common (4.6 MB, the slowest part of the build). A normal
# variable shadows that cache entry (CMP0126, CMake >= 3.21) and reaches vendor/llama.cpp, so
# common is not built.
set(LLAMA_BUILD_COMMON OFF)
