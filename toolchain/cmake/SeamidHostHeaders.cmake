# Host (Debian) header-only dependencies for both targets. Natively these are the packages' own imported
# targets. Under Debian's Emscripten 3.1.6 find_package looks only inside the sysroot and -isystem
# /usr/include breaks libc, so the header folders are copied into the build tree and used from there
# (a known trait of the Emscripten toolchain file: its find root is the sysroot only).

# Copies /usr/include/<folder> into the build tree and returns the include root in <out_var>.
function(seamid_copy_host_headers folder marker out_var)
    find_path(_seamid_${folder}_root NAMES ${folder}/${marker} PATHS /usr/include /usr/local/include
        NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
    if(NOT _seamid_${folder}_root)
        message(FATAL_ERROR "${folder}/${marker} not found: run toolchain/setup")
    endif()
    set(_dest ${CMAKE_BINARY_DIR}/host-include)
    file(COPY ${_seamid_${folder}_root}/${folder} DESTINATION ${_dest})
    set(${out_var} ${_dest} PARENT_SCOPE)
endfunction()

# Makes <target> (INTERFACE) use nlohmann/json.
function(seamid_link_nlohmann_json target)
    if(EMSCRIPTEN)
        seamid_copy_host_headers(nlohmann json.hpp _root)
        target_include_directories(${target} SYSTEM INTERFACE $<BUILD_INTERFACE:${_root}>)
        target_compile_definitions(${target} INTERFACE JSON_NOEXCEPTION=1)
    else()
        find_package(nlohmann_json 3 REQUIRED)
        target_link_libraries(${target} INTERFACE nlohmann_json::nlohmann_json)
    endif()
endfunction()

# Makes <target> use Catch2 v2 (single header catch2/catch.hpp).
function(seamid_link_catch2 target)
    if(EMSCRIPTEN)
        seamid_copy_host_headers(catch2 catch.hpp _root)
        target_include_directories(${target} SYSTEM PRIVATE ${_root})
    else()
        find_package(Catch2 2 REQUIRED)
        target_link_libraries(${target} PRIVATE Catch2::Catch2)
    endif()
endfunction()
