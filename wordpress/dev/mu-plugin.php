<?php
/**
 * Plugin Name: Jetonomy analytics development site
 * Description: Settings of the local site `npm run wordpress` serves on 127.0.0.1: its pages fetch nothing from outside, and it asks no outside server for updates.
 *
 * @package Jetonomy_Analytics
 */

/**
 * Drops the emoji detection script (it loads emoji images from an outside
 * server when the browser lacks an emoji font) and the update checks (the
 * site blocks outside requests, so they only fail and log warnings).
 */
function jetonomy_analytics_dev_site_offline() {
	remove_action( 'wp_head', 'print_emoji_detection_script', 7 );
	remove_action( 'wp_print_styles', 'print_emoji_styles' );
	remove_action( 'admin_print_scripts', 'print_emoji_detection_script' );
	remove_action( 'admin_print_styles', 'print_emoji_styles' );
	remove_action( 'admin_init', '_maybe_update_core' );
	remove_action( 'admin_init', '_maybe_update_plugins' );
	remove_action( 'admin_init', '_maybe_update_themes' );
	remove_action( 'admin_init', 'wp_maybe_auto_update' );
}
add_action( 'init', 'jetonomy_analytics_dev_site_offline' );
// The admin's own hooks are added after plugins load; admin_init runs before they fire.
add_action( 'admin_init', 'jetonomy_analytics_dev_site_offline', 0 );
