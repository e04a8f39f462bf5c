
_kiaro_completion() {
    local IFS=$'\n' kind value answer
    answer=$(env COMP_LINE="${COMP_LINE:0:COMP_POINT}" COMP_WORDBREAKS="$COMP_WORDBREAKS" \
                 _KIARO_COMPLETE=complete_bash "$1")
    COMPREPLY=()
    for line in $answer; do
        kind=${line%%,*}
        value=${line#*,}
        case $kind in
            file) compopt -o default ;;
            dir) compopt -o dirnames ;;
            plain) COMPREPLY+=("$value"); [[ $value == *= ]] && compopt -o nospace ;;
        esac
    done
    return 0
}

complete -F _kiaro_completion kiaro

