/** Said before a backup or restore of the embedded database, which no running app may hold. */
export const embeddedOwnerNote =
	'[ecomap] 嵌入式数据库一次只能由一个进程打开：请先停止应用，或改用 PostGIS 服务器（DATABASE_URL）。\n' +
	'[ecomap] The embedded database can be open in one process only: stop the app first, or use a PostGIS server (DATABASE_URL).';
