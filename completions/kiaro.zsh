
#compdef kiaro

_kiaro_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _KIARO_COMPLETE=complete_zsh kiaro)
}

compdef _kiaro_completion kiaro

