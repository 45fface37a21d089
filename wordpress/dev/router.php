<?php
/**
 * Router of PHP's built-in web server for the local WordPress of
 * `npm run wordpress` (development only, listening on 127.0.0.1).
 *
 * - Any Host but 127.0.0.1:PORT is redirected there: WordPress's URLs and
 *   cookie names are for that origin only.
 * - /wp-content/… is served from the instance's own content folder (the
 *   JETONOMY_ANALYTICS_WP_CONTENT environment variable), whose plugins folder
 *   links to the plugin in the working tree; scripts go out as
 *   text/javascript so ES modules and their workers load.
 * - A directory is redirected to its slash form; other existing files are
 *   passed through to the server; everything else goes to index.php, as
 *   Apache's rewrite rules for WordPress do.
 *
 * @package Jetonomy_Analytics
 */

$jetonomy_analytics_uri  = isset( $_SERVER['REQUEST_URI'] ) ? $_SERVER['REQUEST_URI'] : '/';
$jetonomy_analytics_path = rawurldecode( (string) parse_url( $jetonomy_analytics_uri, PHP_URL_PATH ) );
$jetonomy_analytics_host = '127.0.0.1:' . $_SERVER['SERVER_PORT'];

if ( ! isset( $_SERVER['HTTP_HOST'] ) || $_SERVER['HTTP_HOST'] !== $jetonomy_analytics_host ) {
	header( 'Location: http://' . $jetonomy_analytics_host . $jetonomy_analytics_uri, true, 307 );
	return true;
}

// No path segment may climb out of the folder it names.
if ( preg_match( '#(^|/)\.\.?(/|$)#', $jetonomy_analytics_path ) || false !== strpos( $jetonomy_analytics_path, "\0" ) ) {
	http_response_code( 400 );
	return true;
}

/**
 * Sends a static file with its type, answering a conditional request with 304.
 *
 * @param string $file An existing file.
 */
function jetonomy_analytics_send_static( $file ) {
	$types = array(
		'js'    => 'text/javascript; charset=utf-8',
		'mjs'   => 'text/javascript; charset=utf-8',
		'css'   => 'text/css; charset=utf-8',
		'json'  => 'application/json',
		'map'   => 'application/json',
		'svg'   => 'image/svg+xml',
		'png'   => 'image/png',
		'jpg'   => 'image/jpeg',
		'jpeg'  => 'image/jpeg',
		'gif'   => 'image/gif',
		'webp'  => 'image/webp',
		'ico'   => 'image/x-icon',
		'woff'  => 'font/woff',
		'woff2' => 'font/woff2',
		'ttf'   => 'font/ttf',
		'txt'   => 'text/plain; charset=utf-8',
		'html'  => 'text/html; charset=utf-8',
	);
	$ext      = strtolower( pathinfo( $file, PATHINFO_EXTENSION ) );
	$modified = filemtime( $file );
	$etag     = '"' . dechex( $modified ) . '-' . dechex( filesize( $file ) ) . '"';
	header( 'Content-Type: ' . ( isset( $types[ $ext ] ) ? $types[ $ext ] : 'application/octet-stream' ) );
	header( 'Last-Modified: ' . gmdate( 'D, d M Y H:i:s', $modified ) . ' GMT' );
	header( 'ETag: ' . $etag );
	// Revalidated on every load, so a rebuilt bundle is picked up at once.
	header( 'Cache-Control: no-cache' );
	header( 'X-Content-Type-Options: nosniff' );
	if ( isset( $_SERVER['HTTP_IF_NONE_MATCH'] ) && $_SERVER['HTTP_IF_NONE_MATCH'] === $etag ) {
		http_response_code( 304 );
		return;
	}
	header( 'Content-Length: ' . filesize( $file ) );
	if ( 'HEAD' !== $_SERVER['REQUEST_METHOD'] ) {
		readfile( $file );
	}
}

if ( 0 === strpos( $jetonomy_analytics_path, '/wp-content/' ) ) {
	$jetonomy_analytics_content = getenv( 'JETONOMY_ANALYTICS_WP_CONTENT' );
	$jetonomy_analytics_file    = $jetonomy_analytics_content . substr( $jetonomy_analytics_path, strlen( '/wp-content' ) );
	// PHP files under wp-content are never requested directly by the screens this runner serves.
	if ( $jetonomy_analytics_content && is_file( $jetonomy_analytics_file ) && 'php' !== strtolower( pathinfo( $jetonomy_analytics_file, PATHINFO_EXTENSION ) ) ) {
		jetonomy_analytics_send_static( $jetonomy_analytics_file );
	} else {
		http_response_code( 404 );
		header( 'Content-Type: text/plain; charset=utf-8' );
		echo "Not found\n";
	}
	return true;
}

$jetonomy_analytics_root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$jetonomy_analytics_file = $jetonomy_analytics_root . $jetonomy_analytics_path;

if ( is_dir( $jetonomy_analytics_file ) ) {
	if ( '/' !== substr( $jetonomy_analytics_path, -1 ) ) {
		$jetonomy_analytics_query = parse_url( $jetonomy_analytics_uri, PHP_URL_QUERY );
		header( 'Location: ' . $jetonomy_analytics_path . '/' . ( $jetonomy_analytics_query ? '?' . $jetonomy_analytics_query : '' ), true, 301 );
		return true;
	}
	if ( is_file( $jetonomy_analytics_file . 'index.php' ) ) {
		return false;
	}
} elseif ( is_file( $jetonomy_analytics_file ) ) {
	return false;
}

// Pretty permalinks and /wp-json/…: WordPress routes by REQUEST_URI.
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $jetonomy_analytics_root . '/index.php';
chdir( $jetonomy_analytics_root );
require $jetonomy_analytics_root . '/index.php';
