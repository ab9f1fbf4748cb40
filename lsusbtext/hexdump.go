package lsusbtext

func isHexDumpText(lines []textLine) bool { return false }

func parseHexDump(lines []textLine) []Device { return nil }
