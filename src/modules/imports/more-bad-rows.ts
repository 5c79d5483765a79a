/** The error report's last reason (Vietnamese, English) when bad rows past the limit were only counted. */
export const moreBadRows = (n: number): [string, string] => [`và ${n} dòng lỗi khác (chỉ đếm, không giữ lại)`, `and ${n} more bad rows (counted, not kept)`];
